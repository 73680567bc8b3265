import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import gcoord from 'gcoord';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridCodingRule } from '../../../common/domain/grid-code';
import { outsideAreaM2, overlapAreaM2 } from '../../../common/geo/overlay';
import type { AreaGeometry, BBox, Position } from '../../../common/geo/types';
import { readDivisions } from '../divisions-csv';
import { loadHeiheCounties } from '../heihe-source';
import { type DemoCounty, type DemoDivision, type DemoGrid, type DemoTerritory, generateDemoTerritory, MANAGEMENT_AREA } from './territory';

/**
 * Runs the generator on the real Heihe divisions and county outlines and checks the partition with the
 * platform's overlay measures (turf underneath), independently of the generator's own geometry code.
 */

const rule = gridCodingRule('15');
let divisions: DemoDivision[];
let counties: DemoCounty[];
let territory: DemoTerritory;
let grids: DemoGrid[];
let micro: DemoGrid[];
let progress: [number, number, string][];

const area = (g: AreaGeometry) => turf.area(g);

/** Shoelace area in m² on a plane tangent at 49° N (good enough to compare sums of pieces). */
function planarArea(g: AreaGeometry): number {
  const kx = 111_320 * Math.cos((49 * Math.PI) / 180);
  const ky = 110_570;
  let total = 0;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    poly.forEach((ring, i) => {
      let a = 0;
      const [ox, oy] = ring[0];
      for (let k = 1; k < ring.length - 1; k++) {
        a += (ring[k][0] - ox) * (ring[k + 1][1] - oy) - (ring[k + 1][0] - ox) * (ring[k][1] - oy);
      }
      total += (i === 0 ? 1 : -1) * Math.abs(a / 2) * kx * ky;
    });
  }
  return total;
}

function sample<T>(items: readonly T[], n: number): T[] {
  const step = Math.max(1, Math.floor(items.length / n));
  return items.filter((_, i) => i % step === 0);
}

function countyOf(code: string): string {
  return code === MANAGEMENT_AREA.code ? MANAGEMENT_AREA.hostCountyCode : `${code.slice(0, 6)}000000`;
}

function digest(t: DemoTerritory): string {
  const h = createHash('sha256');
  for (const m of [t.countyBoundaries, t.townshipBoundaries, t.communityBoundaries]) {
    for (const [k, g] of m) h.update(k).update(JSON.stringify(g));
  }
  h.update(JSON.stringify(t.managementArea));
  for (const g of t.grids) h.update(JSON.stringify(g));
  return h.digest('hex');
}

beforeAll(() => {
  divisions = readDivisions();
  counties = loadHeiheCounties(divisions);
  progress = [];
  territory = generateDemoTerritory({ counties, divisions, rule, onProgress: (d, t, s) => progress.push([d, t, s]) });
  grids = territory.grids.filter((g) => g.level === 'grid');
  micro = territory.grids.filter((g) => g.level === 'micro');
}, 120_000);

describe('demo territory input', () => {
  it('converts every outline vertex from GCJ-02 to WGS-84', () => {
    const raw = JSON.parse(readFileSync(new URL('../../../resources/heihe/counties-gcj02.geojson', import.meta.url), 'utf8')) as {
      features: { properties: { name: string; cp: Position }; geometry: { coordinates: Position[][] } }[];
    };
    expect(counties).toHaveLength(6);
    const byName = new Map(counties.map((c) => [c.name, c]));
    for (const f of raw.features) {
      const county = byName.get(f.properties.name === '嫩江县' ? '嫩江市' : f.properties.name)!;
      expect(county).toBeDefined();
      const converted = new Set(
        f.geometry.coordinates[0].map((p) => {
          const [x, y] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
          return `${Math.round(x * 1e6) / 1e6},${Math.round(y * 1e6) / 1e6}`;
        }),
      );
      const ring = (county.boundary as { coordinates: Position[][] }).coordinates[0];
      // Cleaning only adds a few vertices where the source ring crossed itself.
      const fromSource = ring.filter((p) => converted.has(`${p[0]},${p[1]}`)).length;
      expect(fromSource / ring.length).toBeGreaterThan(0.99);
      const [sx, sy] = gcoord.transform(f.properties.cp, gcoord.GCJ02, gcoord.WGS84);
      expect(county.seat![0]).toBeCloseTo(sx, 6);
      expect(county.seat![1]).toBeCloseTo(sy, 6);
    }
  });
});

describe('generateDemoTerritory on the real Heihe data', () => {
  it('reports progress up to completion', () => {
    expect(progress.length).toBeGreaterThan(6);
    const last = progress[progress.length - 1];
    expect(last[0]).toBe(last[1]);
    expect(progress.every(([d, t, s]) => d <= t && s.length > 0)).toBe(true);
  });

  it('is deterministic', () => {
    const again = generateDemoTerritory({ counties, divisions, rule });
    expect(again.grids.length).toBe(territory.grids.length);
    expect(digest(again)).toBe(digest(territory));
  });

  it('draws about as many grids as Heihe has (3,771)', () => {
    expect(grids.length).toBeGreaterThanOrEqual(3600);
    expect(grids.length).toBeLessThanOrEqual(4100);
  });

  it('gives every township and every community/village a boundary, and every community/village a grid', () => {
    const townships = divisions.filter((d) => d.level === 'township');
    const villages = divisions.filter((d) => d.level === 'village');
    expect(townships).toHaveLength(160);
    expect(villages).toHaveLength(961);
    for (const t of townships) expect(territory.townshipBoundaries.has(t.code), t.name).toBe(true);
    const withGrids = new Set(grids.map((g) => g.divisionCode));
    for (const v of villages) {
      expect(territory.communityBoundaries.has(v.code), v.name).toBe(true);
      expect(withGrids.has(v.code), v.name).toBe(true);
    }
  });

  it('issues unique codes that are valid for the rule', () => {
    const codes = territory.grids.map((g) => g.code);
    expect(new Set(codes).size).toBe(codes.length);
    const villageCodes = new Set(divisions.filter((d) => d.level === 'village').map((d) => d.code));
    for (const g of territory.grids) {
      const parsed = rule.parse(g.code);
      expect(parsed, g.code).not.toBeNull();
      expect(parsed!.divisionCode).toBe(g.divisionCode);
      expect(villageCodes.has(g.divisionCode) || g.divisionCode === MANAGEMENT_AREA.code).toBe(true);
      if (g.level === 'grid') {
        expect(g.code).toHaveLength(rule.gridCodeLength);
        expect(g.parentCode).toBeNull();
        expect(rule.isExclusive(g.code)).toBe(g.kind === 'exclusive');
      } else {
        expect(g.code).toHaveLength(rule.microCodeLength);
        expect(parsed!.gridCode).toBe(g.parentCode);
      }
    }
  });

  it('numbers grids west→east, north→south within a community', () => {
    // the first two ordinary grids of each community: 001 lies north of 002, or in the same row further west
    let checked = 0;
    const byCode = new Map(grids.map((g) => [g.code, g]));
    for (const g of grids) {
      if (!g.code.endsWith('001')) continue;
      const next = byCode.get(`${g.code.slice(0, 12)}002`);
      if (!next) continue;
      const [, , , n1] = turf.bbox(g.boundary);
      const [, s2] = turf.bbox(next.boundary);
      // 002 cannot lie wholly north of 001
      expect(s2, `${g.code}`).toBeLessThan(n1);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('rounds every coordinate to 6 decimals', () => {
    const check = (g: AreaGeometry) => {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (const p of polys) for (const r of p) for (const [x, y] of r) {
        if (Math.round(x * 1e6) / 1e6 !== x || Math.round(y * 1e6) / 1e6 !== y) return false;
      }
      return true;
    };
    expect(territory.grids.every((g) => check(g.boundary))).toBe(true);
    expect([...territory.townshipBoundaries.values()].every(check)).toBe(true);
    expect([...territory.communityBoundaries.values()].every(check)).toBe(true);
  });

  it('keeps grids inside their county', () => {
    const outline = new Map(counties.map((c) => [c.code, c.boundary]));
    // every 12th grid plus every grid touching a county border vertex, where rounding could push it out
    const borderVertices = new Set(
      counties.flatMap((c) => (c.boundary as { coordinates: Position[][] }).coordinates[0].map((p) => `${p[0]},${p[1]}`)),
    );
    const touches = (g: DemoGrid) =>
      (g.boundary.type === 'Polygon' ? [g.boundary.coordinates] : g.boundary.coordinates).some((p) =>
        p[0].some((q) => borderVertices.has(`${q[0]},${q[1]}`)),
      );
    const picked = [...new Set([...sample(grids, 320), ...sample(grids.filter(touches), 200)])];
    expect(picked.length).toBeGreaterThanOrEqual(300);
    for (const g of picked) {
      expect(outsideAreaM2(g.boundary, outline.get(countyOf(g.divisionCode))!), g.code).toBeLessThan(1);
    }
  });

  it('does not let neighbouring grids overlap', () => {
    const index = new Flatbush(grids.length);
    for (const g of grids) {
      const [a, b, c, d] = turf.bbox(g.boundary);
      index.add(a, b, c, d);
    }
    index.finish();
    let pairs = 0;
    const picked = sample(grids, 320);
    expect(picked.length).toBeGreaterThanOrEqual(300);
    for (const g of picked) {
      const [a, b, c, d] = turf.bbox(g.boundary) as BBox;
      for (const j of index.search(a, b, c, d)) {
        const other = grids[j];
        if (other === g) continue;
        pairs++;
        expect(overlapAreaM2(g.boundary, other.boundary), `${g.code} × ${other.code}`).toBeLessThan(1);
      }
    }
    expect(pairs).toBeGreaterThan(1000);
  });

  it('partitions each community exactly into its grids, and each township into its communities', () => {
    const gridArea = new Map<string, number>();
    for (const g of grids) gridArea.set(g.divisionCode, (gridArea.get(g.divisionCode) ?? 0) + area(g.boundary));
    for (const v of sample(divisions.filter((d) => d.level === 'village'), 200)) {
      const whole = area(territory.communityBoundaries.get(v.code)!);
      expect(Math.abs(whole - gridArea.get(v.code)!), v.name).toBeLessThan(1 + whole * 1e-9);
    }
    const villageArea = new Map<string, number>();
    for (const v of divisions.filter((d) => d.level === 'village')) {
      villageArea.set(v.parentCode!, (villageArea.get(v.parentCode!) ?? 0) + area(territory.communityBoundaries.get(v.code)!));
    }
    for (const t of divisions.filter((d) => d.level === 'township')) {
      const whole = area(territory.townshipBoundaries.get(t.code)!);
      expect(Math.abs(whole - villageArea.get(t.code)!), t.name).toBeLessThan(1 + whole * 1e-9);
    }
    // Townships and the management area fill the county up to the notches left where boundaries meet the
    // county line (each well under a square metre). Measured in the plane: turf.area is not additive when
    // a vertex is inserted on a long straight edge (it integrates sin φ along the edge).
    for (const c of counties) {
      let sum = 0;
      for (const [code, g] of territory.townshipBoundaries) if (code.startsWith(c.code.slice(0, 6))) sum += planarArea(g);
      if (c.code === MANAGEMENT_AREA.hostCountyCode) sum += planarArea(territory.managementArea.boundary);
      expect(Math.abs(planarArea(territory.countyBoundaries.get(c.code)!) - sum)).toBeLessThan(1);
      const whole = planarArea(c.boundary);
      expect(sum).toBeLessThanOrEqual(whole + 1);
      expect((whole - sum) / whole).toBeLessThan(1e-6);
    }
  });

  it('puts urban grids in the seat and makes them small', () => {
    const urban = grids.filter((g) => g.kind === 'urban');
    const rural = grids.filter((g) => g.kind === 'rural');
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const urbanMedian = median(urban.map((g) => area(g.boundary) / 1e6));
    expect(urbanMedian).toBeGreaterThan(0.05);
    expect(urbanMedian).toBeLessThan(1);
    expect(median(rural.map((g) => area(g.boundary) / 1e6))).toBeGreaterThan(5 * urbanMedian);
    for (const g of urban) expect(g.households).toBeGreaterThanOrEqual(100);
    for (const g of grids) {
      expect(g.name).toMatch(/网格$/);
      expect(g.population).toBeGreaterThanOrEqual(g.households);
      expect(['branch', 'group', 'joint_branch']).toContain(g.partyOrg.type);
      const allowed = {
        urban: ['resident_group', 'residential_compound', 'courtyard'],
        rural: ['villager_group', 'natural_village'],
        exclusive: ['admin_centre', 'office_building', 'market', 'school', 'hospital', 'park', 'enterprise'],
      }[g.kind];
      expect(allowed).toContain(g.subKind);
    }
  });

  it('carves exclusive grids with an owning unit out of urban grids', () => {
    const exclusive = grids.filter((g) => g.kind === 'exclusive');
    expect(exclusive.length).toBeGreaterThanOrEqual(24);
    expect(exclusive.length).toBeLessThanOrEqual(80);
    expect(exclusive.some((g) => g.owningUnit === '黑河市第一中学')).toBe(true);
    for (const g of exclusive) {
      expect(g.owningUnit).toMatch(/^.{2,}$/);
      expect(rule.isExclusive(g.code)).toBe(true);
      expect(g.name).toMatch(/专属网格$/);
      if (g.divisionCode !== MANAGEMENT_AREA.code) expect(g.name).toBe(`${g.owningUnit}专属网格`);
    }
    for (const g of grids.filter((x) => x.kind !== 'exclusive')) expect(g.owningUnit).toBeNull();
  });

  it('splits a few hundred urban grids into 2–4 micro-grids inside them', () => {
    const parents = new Map(grids.map((g) => [g.code, g]));
    const children = new Map<string, DemoGrid[]>();
    for (const m of micro) {
      const list = children.get(m.parentCode!) ?? [];
      list.push(m);
      children.set(m.parentCode!, list);
    }
    expect(children.size).toBeGreaterThanOrEqual(150);
    for (const [code, list] of children) {
      const parent = parents.get(code)!;
      expect(parent.kind).toBe('urban');
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list.reduce((s, m) => s + m.households, 0)).toBe(parent.households);
      const whole = area(parent.boundary);
      expect(Math.abs(list.reduce((s, m) => s + area(m.boundary), 0) - whole)).toBeLessThan(1);
    }
    for (const m of sample(micro, 150)) {
      expect(m.name).toMatch(/号楼微网格$/);
      expect(outsideAreaM2(m.boundary, parents.get(m.parentCode!)!.boundary), m.code).toBeLessThan(1);
    }
  });

  it('draws the 五大连池 management area out of 五大连池市 with grids of its own', () => {
    const m = territory.managementArea;
    expect(m.code).toBe('231171000000');
    expect(m.name).toBe('五大连池风景名胜区自然保护区');
    const km2 = area(m.boundary) / 1e6;
    expect(km2).toBeGreaterThan(800);
    expect(km2).toBeLessThan(1200);
    const host = counties.find((c) => c.code === MANAGEMENT_AREA.hostCountyCode)!;
    expect(outsideAreaM2(m.boundary, host.boundary)).toBeLessThan(1);
    const [cx, cy] = turf.centroid(m.boundary).geometry.coordinates;
    expect(cx).toBeGreaterThan(126.0);
    expect(cx).toBeLessThan(126.5);
    expect(cy).toBeGreaterThan(48.55);
    expect(cy).toBeLessThan(48.9);
    const own = grids.filter((g) => g.divisionCode === m.code);
    expect(own.length).toBeGreaterThanOrEqual(8);
    expect(own.length).toBeLessThanOrEqual(12);
    for (const g of own) expect(outsideAreaM2(g.boundary, m.boundary), g.code).toBeLessThan(1);
    for (const [code, t] of territory.townshipBoundaries) {
      if (!code.startsWith('231182')) continue;
      expect(overlapAreaM2(t, m.boundary), code).toBeLessThan(1);
    }
  });
});
