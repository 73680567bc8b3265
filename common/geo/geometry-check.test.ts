import { describe, expect, it } from 'vitest';
import { checkAreaGeometry, type CheckAreaResult, type GeometryIssue } from './geometry-check';
import { ringSignedArea } from './planar';
import type { Position } from './types';
import { X, Y } from '../../test/fixtures/shapes';


/** Counter-clockwise rectangle ring. */
function rect(x: number, y: number, w: number, h = w): Position[] {
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
    [x, y],
  ];
}
const poly = (...rings: Position[][]) => ({ type: 'Polygon', coordinates: rings });

function issuesOf(r: CheckAreaResult): GeometryIssue[] {
  if (r.ok) throw new Error('expected the check to fail');
  return r.issues;
}
const codes = (r: CheckAreaResult) => issuesOf(r).map((i) => i.code);

describe('checkAreaGeometry: accepted input', () => {
  it('accepts a concave polygon (U shape) and reports area and bbox', () => {
    const u: Position[] = [
      [X, Y],
      [X + 0.03, Y],
      [X + 0.03, Y + 0.03],
      [X + 0.02, Y + 0.03],
      [X + 0.02, Y + 0.01],
      [X + 0.01, Y + 0.01],
      [X + 0.01, Y + 0.03],
      [X, Y + 0.03],
      [X, Y],
    ];
    const r = checkAreaGeometry(poly(u));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bbox).toEqual([X, Y, X + 0.03, Y + 0.03]);
    // 7 of 9 unit cells of ~0.01° (≈ 712 m × 1112 m at this latitude).
    expect(r.areaM2 / 1e6).toBeGreaterThan(7 * 0.7);
    expect(r.areaM2 / 1e6).toBeLessThan(7 * 0.85);
  });

  it('accepts a star polygon with reflex vertices close to other edges', () => {
    const ring: Position[] = [];
    for (let k = 0; k < 40; k++) {
      const r = k % 2 === 0 ? 0.05 : 0.004;
      const t = (k / 40) * 2 * Math.PI;
      ring.push([X + r * Math.cos(t), Y + r * Math.sin(t)]);
    }
    ring.push(ring[0]);
    expect(checkAreaGeometry(poly(ring)).ok).toBe(true);
  });

  it('unwraps a Feature and a FeatureCollection with one polygonal feature (ignoring points)', () => {
    const g = poly(rect(X, Y, 0.01));
    expect(checkAreaGeometry({ type: 'Feature', properties: {}, geometry: g }).ok).toBe(true);
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '标注' }, geometry: { type: 'Point', coordinates: [X, Y] } },
        { type: 'Feature', properties: {}, geometry: g },
      ],
    };
    expect(checkAreaGeometry(fc).ok).toBe(true);
  });

  it('accepts a hole touching its shell at one point and a ring touching itself without crossing', () => {
    const shell = rect(X, Y, 0.04);
    const hole: Position[] = [
      [X, Y + 0.02],
      [X + 0.01, Y + 0.01],
      [X + 0.02, Y + 0.02],
      [X + 0.01, Y + 0.03],
      [X, Y + 0.02],
    ];
    expect(checkAreaGeometry(poly(shell, hole)).ok).toBe(true);
    // Two squares joined at one corner, walked as one ring.
    const pinched: Position[] = [
      [X, Y],
      [X + 0.01, Y],
      [X + 0.01, Y + 0.01],
      [X + 0.02, Y + 0.01],
      [X + 0.02, Y + 0.02],
      [X + 0.01, Y + 0.02],
      [X + 0.01, Y + 0.01],
      [X, Y + 0.01],
      [X, Y],
    ];
    expect(checkAreaGeometry(poly(pinched)).ok).toBe(true);
  });

  it('normalises winding (shell counter-clockwise, hole clockwise) and drops repeats, spikes and altitude', () => {
    const shell = rect(X, Y, 0.04).reverse();
    shell.splice(2, 0, [...shell[1]] as Position); // repeated vertex
    const hole = rect(X + 0.01, Y + 0.01, 0.01); // counter-clockwise, must be turned round
    const spiky: Position[] = [...shell.slice(0, 2), [X + 0.05, Y + 0.04], ...shell.slice(1)]; // out and straight back
    const withAltitude = spiky.map(([x, y]) => [x, y, 120]);
    const input = { type: 'Polygon', coordinates: [withAltitude, hole] };
    const before = JSON.stringify(input);
    const r = checkAreaGeometry(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(r.ok).toBe(true);
    if (!r.ok || r.geometry.type !== 'Polygon') return;
    const [outer, inner] = r.geometry.coordinates;
    expect(outer).toHaveLength(5);
    expect(outer.every((p) => p.length === 2)).toBe(true);
    expect(ringSignedArea(outer)).toBeGreaterThan(0);
    expect(ringSignedArea(inner)).toBeLessThan(0);
    expect(new Set(outer.slice(0, -1).map((p) => p.join()))).toEqual(new Set(rect(X, Y, 0.04).slice(0, -1).map((p) => p.join())));
  });

  it('keeps MultiPolygons, including an island inside another part\'s hole', () => {
    const lake = {
      type: 'MultiPolygon',
      coordinates: [[rect(X, Y, 0.05), rect(X + 0.01, Y + 0.01, 0.03)], [rect(X + 0.02, Y + 0.02, 0.01)]],
    };
    const r = checkAreaGeometry(lake);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.geometry.type).toBe('MultiPolygon');
  });
});

describe('checkAreaGeometry: issues', () => {
  it('not_geometry for non-objects, wrong types and bad containers', () => {
    const point = { type: 'Point', coordinates: [X, Y] };
    const inputs = [null, 'POLYGON((1 2))', 42, [], point, { type: 'GeometryCollection', geometries: [] }];
    for (const input of inputs) {
      expect(codes(checkAreaGeometry(input))).toEqual(['not_geometry']);
    }
    expect(issuesOf(checkAreaGeometry({ type: 'LineString', coordinates: [] }))[0].message).toContain('LineString');
    expect(codes(checkAreaGeometry({ type: 'Feature', properties: {}, geometry: null }))).toEqual(['not_geometry']);
    expect(codes(checkAreaGeometry({ type: 'Polygon', coordinates: [] }))).toEqual(['not_geometry']);
    expect(codes(checkAreaGeometry({ type: 'Polygon', coordinates: 'x' }))).toEqual(['not_geometry']);
  });

  it('not_geometry for a FeatureCollection with two polygon features, or none', () => {
    const f = { type: 'Feature', properties: {}, geometry: poly(rect(X, Y, 0.01)) };
    const two = issuesOf(checkAreaGeometry({ type: 'FeatureCollection', features: [f, f] }));
    expect(two.map((i) => i.code)).toEqual(['not_geometry']);
    expect(two[0].message).toContain('2 个面要素');
    expect(codes(checkAreaGeometry({ type: 'FeatureCollection', features: [] }))).toEqual(['not_geometry']);
  });

  it('bad_coordinate for NaN, Infinity, strings and non-pairs', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '127.5']) {
      const ring = rect(X, Y, 0.01) as unknown[];
      ring[2] = [bad, Y];
      expect(codes(checkAreaGeometry(poly(ring as Position[])))).toEqual(['bad_coordinate']);
    }
    const short = rect(X, Y, 0.01) as unknown[];
    short[1] = [X];
    const issues = issuesOf(checkAreaGeometry(poly(short as Position[])));
    expect(issues.map((i) => i.code)).toEqual(['bad_coordinate']);
    expect(issues[0].message).toBe('边界第 1 个环的第 2 个点不是有效的经纬度数字对');
  });

  it('out_of_range for latitude 91, with a hint when longitude and latitude look swapped', () => {
    const ring = rect(X, Y, 0.01);
    ring[1] = [X, 91];
    expect(codes(checkAreaGeometry(poly(ring)))).toEqual(['out_of_range']);
    const swapped = rect(X, Y, 0.01).map(([x, y]) => [y, x] as Position);
    const issues = issuesOf(checkAreaGeometry(poly(swapped)));
    expect(issues[0].code).toBe('out_of_range');
    expect(issues[0].message).toContain('写反');
  });

  it('caps repeated issues of one kind and says how many there were', () => {
    const ring = rect(X, Y, 0.01, 0.01);
    const many: unknown[] = [ring[0], ...Array.from({ length: 30 }, () => [Number.NaN, Y]), ...ring.slice(1)];
    const issues = issuesOf(checkAreaGeometry(poly(many as Position[])));
    expect(issues).toHaveLength(10);
    expect(issues[9].message).toContain('共 30 处');
  });

  it('too_few_points for a 3-position ring and for a ring with only 2 distinct points', () => {
    expect(codes(checkAreaGeometry(poly([[X, Y], [X + 0.01, Y], [X, Y]])))).toEqual(['too_few_points']);
    expect(codes(checkAreaGeometry(poly([[X, Y], [X, Y], [X + 0.01, Y], [X, Y]])))).toEqual(['too_few_points']);
  });

  it('ring_not_closed when the last point differs from the first', () => {
    const ring = rect(X, Y, 0.01).slice(0, 4);
    const issues = issuesOf(checkAreaGeometry(poly(ring)));
    expect(issues.map((i) => i.code)).toEqual(['ring_not_closed']);
    expect(issues[0].message).toContain('没有闭合');
  });

  it('self_intersection for a bow-tie, reporting the crossing point', () => {
    const bowTie: Position[] = [
      [X, Y],
      [X + 0.02, Y + 0.02],
      [X + 0.02, Y],
      [X, Y + 0.02],
      [X, Y],
    ];
    const issues = issuesOf(checkAreaGeometry(poly(bowTie)));
    expect(issues.map((i) => i.code)).toEqual(['self_intersection']);
    expect(issues[0].at?.[0]).toBeCloseTo(X + 0.01, 9);
    expect(issues[0].at?.[1]).toBeCloseTo(Y + 0.01, 9);
    expect(issues[0].message).toBe(`边界第 1 个环自相交（交点约在 ${(X + 0.01).toFixed(4)}, ${(Y + 0.01).toFixed(4)}）`);
  });

  it('self_intersection when the ring crosses itself exactly at a vertex', () => {
    // Passes (X+0.01, Y+0.01) twice: once going right, once going up.
    const ring: Position[] = [
      [X, Y + 0.01],
      [X + 0.01, Y + 0.01],
      [X + 0.02, Y + 0.01],
      [X + 0.02, Y + 0.03],
      [X + 0.015, Y + 0.03],
      [X + 0.01, Y + 0.01],
      [X + 0.01, Y],
      [X, Y],
      [X, Y + 0.01],
    ];
    const issues = issuesOf(checkAreaGeometry(poly(ring)));
    expect(issues.map((i) => i.code)).toContain('self_intersection');
    expect(issues[0].at).toEqual([X + 0.01, Y + 0.01]);
  });

  it('self_intersection when a hole crosses its shell or two parts cross', () => {
    const crossingHole = poly(rect(X, Y, 0.02), rect(X + 0.01, Y + 0.005, 0.02, 0.01));
    const issues = issuesOf(checkAreaGeometry(crossingHole));
    expect(issues.map((i) => i.code)).toContain('self_intersection');
    expect(issues[0].message).toContain('边界第 1 个环与第 2 个环相交');
    const parts = { type: 'MultiPolygon', coordinates: [[rect(X, Y, 0.02)], [rect(X + 0.01, Y + 0.01, 0.02)]] };
    expect(codes(checkAreaGeometry(parts))).toContain('self_intersection');
  });

  it('self_intersection when the ring runs back along itself (zero-width corridor)', () => {
    // A square with a triangle attached through a corridor that is walked out and back.
    const ring: Position[] = [
      [X, Y],
      [X + 0.01, Y],
      [X + 0.01, Y + 0.005],
      [X + 0.02, Y + 0.005],
      [X + 0.025, Y + 0.01],
      [X + 0.025, Y],
      [X + 0.02, Y + 0.005],
      [X + 0.01, Y + 0.005],
      [X + 0.01, Y + 0.01],
      [X, Y + 0.01],
      [X, Y],
    ];
    const issues = issuesOf(checkAreaGeometry(poly(ring)));
    expect(issues.map((i) => i.code)).toContain('self_intersection');
  });

  it('stops counting crossings of a scribble at a bound and says the count is a lower bound', () => {
    // A zigzag from west to east, back along its middle line: every zig and zag crosses the return leg.
    const ring: Position[] = [[X, Y + 0.005]];
    for (let k = 0; k <= 1200; k++) ring.push([X + k * 0.0001, k % 2 === 0 ? Y : Y + 0.01]);
    ring.push([X + 0.13, Y + 0.005], [X, Y + 0.005]);
    const issues = issuesOf(checkAreaGeometry(poly(ring)));
    expect(issues).toHaveLength(10);
    expect(issues.every((i) => i.code === 'self_intersection')).toBe(true);
    expect(issues[9].message).toContain('至少 1000 处');
  });

  it('zero_area when all points lie on a line', () => {
    const line: Position[] = [
      [X, Y],
      [X + 0.01, Y + 0.01],
      [X + 0.02, Y + 0.02],
      [X + 0.03, Y + 0.03],
      [X, Y],
    ];
    expect(codes(checkAreaGeometry(poly(line)))).toEqual(['zero_area']);
  });

  it('too_large above the limit, unless the limit is raised', () => {
    const big = poly(rect(125, 48, 2)); // about 222 km × 148 km
    const issues = issuesOf(checkAreaGeometry(big));
    expect(issues.map((i) => i.code)).toEqual(['too_large']);
    expect(issues[0].message).toContain('20000 平方公里');
    expect(checkAreaGeometry(big, { maxAreaKm2: 50_000 }).ok).toBe(true);
  });

  it('too_many_vertices before any other work', () => {
    const circle: Position[] = [];
    for (let k = 0; k < 100; k++) circle.push([X + 0.01 * Math.cos(k / 16), Y + 0.01 * Math.sin(k / 16)]);
    circle.push(circle[0]);
    expect(codes(checkAreaGeometry(poly(circle), { maxVertices: 50 }))).toEqual(['too_many_vertices']);
    expect(checkAreaGeometry(poly(circle), { maxVertices: 101 }).ok).toBe(true);
  });

  it('hole_outside for a hole beside its shell and for a hole inside another hole', () => {
    const beside = issuesOf(checkAreaGeometry(poly(rect(X, Y, 0.01), rect(X + 0.02, Y, 0.01))));
    expect(beside.map((i) => i.code)).toEqual(['hole_outside']);
    expect(beside[0].message).toContain('第 2 个环是内洞');
    const nested = poly(rect(X, Y, 0.05), rect(X + 0.01, Y + 0.01, 0.03), rect(X + 0.02, Y + 0.02, 0.01));
    expect(codes(checkAreaGeometry(nested))).toEqual(['hole_outside']);
  });

  it('parts_overlap for a MultiPolygon part lying inside another part', () => {
    const m = { type: 'MultiPolygon', coordinates: [[rect(X, Y, 0.05)], [rect(X + 0.01, Y + 0.01, 0.01)]] };
    expect(codes(checkAreaGeometry(m))).toEqual(['parts_overlap']);
  });
});
