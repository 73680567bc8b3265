import type { CodeItem, GridCodingRule } from '../../../common/domain/grid-code';
import type { AreaGeometry } from '../../../common/geo/types';
import type { AtomSet } from './atoms';
import { chineseNumber, MANAGEMENT_AREA_GRIDS, microGridNames, naturalVillageNames, shortDivisionName, splitTotal } from './names';
import type { CountyPlan, VillagePlan, VillageStyle } from './partition';
import { compareText, createRng, type Rng, subSeed } from './random';
import { labelPoint } from './regions';
import { unionAtoms } from './union';
import type { ExclusiveCut, MicroCut } from './special';
import type { DemoGrid } from './types';

/** Turns a county plan (atom lists) into coded, named DemoGrids and division boundaries. */

export interface AssembledCounty {
  grids: DemoGrid[];
  county: AreaGeometry;
  townships: Map<string, AreaGeometry>;
  communities: Map<string, AreaGeometry>;
  management: AreaGeometry | null;
}

interface Drawn {
  key: string;
  index: number;
  atoms: number[];
  geometry: AreaGeometry;
  item: CodeItem;
}

const HOUSEHOLDS: Record<VillageStyle, [number, number]> = {
  seat_community: [300, 500],
  town_community: [200, 450],
  community_like: [120, 380],
  village: [50, 160],
  village_like: [30, 150],
};

export function assembleCounty(
  atoms: AtomSet,
  plan: CountyPlan,
  rule: GridCodingRule,
  exclusive: readonly ExclusiveCut[],
  micro: readonly MicroCut[],
  management: { code: string; name: string } | null,
  seed: number,
): AssembledCounty {
  const grids: DemoGrid[] = [];
  const townships = new Map<string, AreaGeometry>();
  const communities = new Map<string, AreaGeometry>();
  const microOf = new Map<VillagePlan, Map<number, number[][]>>();
  for (const m of micro) {
    if (!microOf.has(m.village)) microOf.set(m.village, new Map());
    microOf.get(m.village)!.set(m.grid, m.parts);
  }

  for (const t of plan.townships) {
    townships.set(t.division.code, unionAtoms(atoms, t.atoms));
    for (const v of t.villages) {
      communities.set(v.division.code, unionAtoms(atoms, v.atoms));
      const code = v.division.code;
      const rng = createRng(subSeed(seed, code, 'attrs'));
      const short = shortDivisionName(v.division.name);
      const ordinary = v.grids.map((g, i) => draw(atoms, `${code}/g${i}`, i, g, false));
      const cuts = exclusive.filter((c) => c.village === v);
      const units = cuts.map((c, i) => draw(atoms, `${code}/x${i}`, i, c.atoms, true));
      const codes = rule.assignGridCodes(code, [], [...ordinary, ...units].map((d) => d.item));

      const natural = v.style === 'village' && rng.next() < 0.3;
      const tunNames = natural ? naturalVillageNames(ordinary.length, rng) : [];
      const bySeq = ordinary.slice().sort((a, b) => compareText(codes.get(a.key)!, codes.get(b.key)!));
      bySeq.forEach((d, i) => {
        const gridCode = codes.get(d.key)!;
        const seq = rule.parse(gridCode)!.seq;
        const grid = ordinaryGrid(d, gridCode, code, v.style, short, seq, natural ? tunNames[i] : null, rng);
        grids.push(grid);
        const parts = microOf.get(v)?.get(d.index);
        if (parts) grids.push(...microGrids(atoms, grid, parts, rule, rng));
      });
      units.forEach((d, i) => {
        const spec = cuts[i].spec;
        grids.push({
          key: d.key,
          code: codes.get(d.key)!,
          level: 'grid',
          parentCode: null,
          divisionCode: code,
          kind: 'exclusive',
          subKind: spec.subKind,
          name: `${spec.owningUnit}专属网格`,
          owningUnit: spec.owningUnit,
          households: 0,
          population: spec.population,
          partyOrg: { type: 'branch', name: `${spec.owningUnit}党支部` },
          boundary: d.geometry,
        });
      });
    }
  }

  let mgmtGeometry: AreaGeometry | null = null;
  if (plan.management && management) {
    mgmtGeometry = unionAtoms(atoms, plan.management.atoms);
    grids.push(...managementGrids(atoms, plan.management.grids, management, rule, seed));
  }
  const all = Array.from({ length: atoms.count }, (_, a) => a);
  return { grids, county: unionAtoms(atoms, all), townships, communities, management: mgmtGeometry };
}

function draw(atoms: AtomSet, key: string, index: number, list: number[], exclusive: boolean): Drawn {
  const geometry = unionAtoms(atoms, list);
  return { key, index, atoms: list, geometry, item: { key, exclusive, point: labelPoint(atoms, list), heightDeg: heightOf(geometry) } };
}

function ordinaryGrid(
  d: Drawn,
  code: string,
  divisionCode: string,
  style: VillageStyle,
  short: string,
  seq: number,
  tun: string | null,
  rng: Rng,
): DemoGrid {
  const urban = style === 'seat_community' || style === 'town_community' || style === 'community_like';
  const [lo, hi] = HOUSEHOLDS[style];
  const households = rng.int(lo, hi);
  const population = Math.round(households * (urban ? rng.range(2.2, 2.8) : rng.range(2.4, 3.1)));
  const ordinal = chineseNumber(seq);
  let subKind: string;
  let name: string;
  if (urban) {
    const r = rng.next();
    subKind =
      style === 'community_like'
        ? 'resident_group'
        : style === 'seat_community'
          ? r < 0.5 ? 'residential_compound' : r < 0.75 ? 'resident_group' : 'courtyard'
          : r < 0.6 ? 'resident_group' : r < 0.8 ? 'residential_compound' : 'courtyard';
    name = `${short}第${ordinal}网格`;
  } else if (tun) {
    subKind = 'natural_village';
    name = `${short}${tun}网格`;
  } else {
    subKind = 'villager_group';
    name = style === 'village' ? `${short}第${ordinal}村民小组网格` : `${short}第${ordinal}网格`;
  }
  // Art. 10: one branch or group per grid; grids too small to stand alone share a joint branch.
  const partyOrg: DemoGrid['partyOrg'] = urban
    ? households >= 380
      ? { type: 'branch', name: `${name}党支部` }
      : { type: 'group', name: `${name}党小组` }
    : households >= 90
      ? { type: 'group', name: `${name}党小组` }
      : { type: 'joint_branch', name: `${short}网格联合党支部` };
  return {
    key: d.key,
    code,
    level: 'grid',
    parentCode: null,
    divisionCode,
    kind: urban ? 'urban' : 'rural',
    subKind,
    name,
    owningUnit: null,
    households,
    population,
    partyOrg,
    boundary: d.geometry,
  };
}

function microGrids(atoms: AtomSet, parent: DemoGrid, parts: number[][], rule: GridCodingRule, rng: Rng): DemoGrid[] {
  const drawn = parts.map((p, i) => draw(atoms, `${parent.key}/m${i}`, i, p, false));
  const codes = rule.assignMicroCodes(parent.code, [], drawn.map((d) => d.item));
  const ordered = drawn.slice().sort((a, b) => compareText(codes.get(a.key)!, codes.get(b.key)!));
  const names = microGridNames(ordered.length, rng);
  const households = splitTotal(parent.households, ordered.length, rng);
  const population = splitTotal(parent.population, ordered.length, rng);
  return ordered.map((d, i) => ({
    key: d.key,
    code: codes.get(d.key)!,
    level: 'micro',
    parentCode: parent.code,
    divisionCode: parent.divisionCode,
    kind: 'urban',
    subKind: 'courtyard',
    name: names[i],
    owningUnit: null,
    households: households[i],
    population: population[i],
    partyOrg: { type: 'group', name: `${parent.name}${names[i]}党小组` },
    boundary: d.geometry,
  }));
}

function managementGrids(
  atoms: AtomSet,
  groups: number[][],
  area: { code: string; name: string },
  rule: GridCodingRule,
  seed: number,
): DemoGrid[] {
  const rng = createRng(subSeed(seed, area.code, 'attrs'));
  const specs = groups.map((_, i) => MANAGEMENT_AREA_GRIDS[i % MANAGEMENT_AREA_GRIDS.length]);
  const drawn = groups.map((g, i) => draw(atoms, `${area.code}/g${i}`, i, g, specs[i].kind === 'exclusive'));
  const codes = rule.assignGridCodes(area.code, [], drawn.map((d) => d.item));
  return drawn.map((d, i) => {
    const spec = specs[i];
    const base = { key: d.key, code: codes.get(d.key)!, level: 'grid' as const, parentCode: null, divisionCode: area.code, boundary: d.geometry };
    if (spec.kind === 'exclusive') {
      return {
        ...base,
        kind: 'exclusive' as const,
        subKind: spec.subKind,
        name: spec.name,
        owningUnit: spec.owningUnit,
        households: 0,
        population: rng.int(40, 400),
        partyOrg: { type: 'branch' as const, name: `${spec.owningUnit}党支部` },
      };
    }
    const households = rng.int(40, 180);
    return {
      ...base,
      kind: 'rural' as const,
      subKind: 'natural_village',
      name: spec.name,
      owningUnit: null,
      households,
      population: Math.round(households * rng.range(2.3, 3)),
      partyOrg:
        households >= 90
          ? { type: 'group' as const, name: `${spec.name}党小组` }
          : { type: 'joint_branch' as const, name: '五大连池风景区网格联合党支部' },
    };
  });
}

function heightOf(g: AreaGeometry): number {
  let min = Infinity;
  let max = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys) {
    for (const [, lat] of p[0]) {
      if (lat < min) min = lat;
      if (lat > max) max = lat;
    }
  }
  return max - min;
}
