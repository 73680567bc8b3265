import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { jitteredLattice, seededRandom } from '../../test/bench/jittered-lattice';
import { AreaIndex, type IndexedArea } from './area-index';
import { checkAreaGeometry } from './geometry-check';
import { bboxOf } from './measure';
import type { AreaGeometry, BBox, Position } from './types';
import { rect, X, Y } from '../../test/fixtures/shapes';

const area = <T>(data: T, ...rings: Position[][]): IndexedArea<T> => ({
  geometry: { type: 'Polygon', coordinates: rings },
  data,
});

describe('AreaIndex against brute force on a jittered lattice', () => {
  const bbox: BBox = [126.0, 49.0, 127.5, 50.0];
  const areas = jitteredLattice({ bbox, cols: 20, rows: 15, edgePoints: 4, seed: 3 });
  const index = new AreaIndex(areas);
  const boxes = areas.map((a) => bboxOf(a.geometry));

  it('uses valid, non-overlapping polygons as input (sanity check of the fixture)', () => {
    expect(areas).toHaveLength(300);
    for (const a of areas.slice(0, 60)) expect(checkAreaGeometry(a.geometry).ok).toBe(true);
  });

  it('finds the same area as turf for 5,000 random points, including points outside the lattice', () => {
    const rand = seededRandom(11);
    let inside = 0;
    const mismatches: unknown[] = [];
    for (let k = 0; k < 5000; k++) {
      // 10% margin around the lattice so some points miss everything.
      const x = bbox[0] - 0.15 + rand() * 1.8;
      const y = bbox[1] - 0.1 + rand() * 1.2;
      const expected = areas
        .filter((a, i) => boxes[i][0] <= x && x <= boxes[i][2] && boxes[i][1] <= y && y <= boxes[i][3])
        .filter((a) => booleanPointInPolygon([x, y], a.geometry))
        .map((a) => a.data);
      const found = index.find(x, y);
      const all = index.findAll(x, y);
      if (expected.length > 1 || found !== expected[0] || all.length !== expected.length || all[0] !== expected[0]) {
        mismatches.push({ x, y, expected, found, all });
      }
      if (expected.length) inside++;
    }
    // Collected rather than asserted per point: 15,000 expect() calls would dominate the run time.
    expect(mismatches).toEqual([]);
    expect(inside).toBeGreaterThan(3000);
    expect(inside).toBeLessThan(5000);
  });

  it('gives every vertex shared by neighbouring cells (corners and edge points) to exactly one cell', () => {
    const ownerCounts = new Map<number, number>();
    for (const a of areas) {
      const ring = (a.geometry.coordinates as Position[][])[0];
      for (const [x, y] of ring) {
        const eps = 1e-9;
        if (x <= bbox[0] + eps || x >= bbox[2] - eps || y <= bbox[1] + eps || y >= bbox[3] - eps) continue;
        const n = index.findAll(x, y).length;
        ownerCounts.set(n, (ownerCounts.get(n) ?? 0) + 1);
      }
    }
    expect([...ownerCounts.keys()]).toEqual([1]);
    expect(ownerCounts.get(1)).toBeGreaterThan(1000);
  });

  it('search(bbox) returns exactly the areas whose bbox meets the query, in insertion order', () => {
    const rand = seededRandom(5);
    for (let k = 0; k < 50; k++) {
      const x = bbox[0] + rand() * 1.5;
      const y = bbox[1] + rand() * 1.0;
      const q: BBox = [x, y, x + rand() * 0.2, y + rand() * 0.2];
      const expected = areas
        .filter((a) => {
          const b = bboxOf(a.geometry);
          return b[0] <= q[2] && q[0] <= b[2] && b[1] <= q[3] && q[1] <= b[3];
        })
        .map((a) => a.data);
      expect(index.search(q)).toEqual(expected);
    }
  });
});

describe('AreaIndex details', () => {
  it('respects holes, and finds an island inside the hole as its own area', () => {
    const index = new AreaIndex([
      area('lake-shore', rect(X, Y, 0.03), rect(X + 0.01, Y + 0.01, 0.01).reverse()),
      area('island', rect(X + 0.012, Y + 0.012, 0.005)),
    ]);
    expect(index.find(X + 0.005, Y + 0.005)).toBe('lake-shore');
    expect(index.find(X + 0.011, Y + 0.011)).toBeUndefined(); // water
    expect(index.find(X + 0.014, Y + 0.014)).toBe('island');
    expect(index.size).toBe(2);
  });

  it('respects every part of a MultiPolygon, and its holes', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[rect(X, Y, 0.01)], [rect(X + 0.05, Y, 0.02), rect(X + 0.055, Y + 0.005, 0.01).reverse()]],
    };
    const index = new AreaIndex([{ geometry: multi, data: 7 }]);
    expect(index.find(X + 0.005, Y + 0.005)).toBe(7);
    expect(index.find(X + 0.052, Y + 0.002)).toBe(7);
    expect(index.find(X + 0.03, Y + 0.005)).toBeUndefined(); // between the parts
    expect(index.find(X + 0.06, Y + 0.01)).toBeUndefined(); // in the second part's hole
  });

  it('returns nothing for points outside everything, NaN and an empty index', () => {
    const index = new AreaIndex([area(1, rect(X, Y, 0.01))]);
    expect(index.find(X - 1, Y)).toBeUndefined();
    expect(index.find(Number.NaN, Y)).toBeUndefined();
    expect(index.findAll(X + 0.005, Number.NaN)).toEqual([]);
    expect(index.search([Number.NaN, Y, X + 1, Y + 1])).toEqual([]);
    expect(index.search([X - 1, Y - 1, X + 1, Y + 1])).toEqual([1]);
    const empty = new AreaIndex<number>([]);
    expect(empty.size).toBe(0);
    expect(empty.find(X, Y)).toBeUndefined();
    expect(empty.search([-180, -90, 180, 90])).toEqual([]);
  });

  it('puts a point on a shared slanted edge in the same area every time, whatever the insertion order or ring direction', () => {
    // Two quadrilaterals sharing the edge (X+0.01, Y) – (X+0.013, Y+0.01); B walks it the other way round.
    const a: Position[] = [
      [X, Y],
      [X + 0.01, Y],
      [X + 0.013, Y + 0.01],
      [X, Y + 0.01],
      [X, Y],
    ];
    const b: Position[] = [
      [X + 0.01, Y],
      [X + 0.02, Y],
      [X + 0.02, Y + 0.01],
      [X + 0.013, Y + 0.01],
      [X + 0.01, Y],
    ];
    const forward = new AreaIndex([area('A', a), area('B', b)]);
    const backward = new AreaIndex([area('B', [...b].reverse()), area('A', [...a].reverse())]);
    for (let k = 0; k <= 20; k++) {
      const t = k / 20;
      const p: Position = [X + 0.01 + 0.003 * t, Y + 0.01 * t];
      const owners = forward.findAll(p[0], p[1]);
      // The far vertex of the edge (t = 1) is also the top edge of both, which the half-open rule leaves out.
      expect(owners.length).toBeLessThanOrEqual(1);
      if (k < 20) expect(owners).toHaveLength(1);
      expect(forward.find(p[0], p[1])).toBe(owners[0]);
      expect(backward.find(p[0], p[1])).toBe(owners[0]);
      expect(forward.find(p[0], p[1])).toBe(forward.find(p[0], p[1]));
    }
  });

  it('keeps a single owner even where rounding makes the edge intercept depend on which end it is computed from', () => {
    // Look for an edge and a height where the two ways of interpolating the edge differ in the last
    // bit (about 1 in 10,000 random edges); a point placed at either result sits on the edge as far
    // as floating point can tell.
    const rand = seededRandom(99);
    let cases = 0;
    for (let k = 0; k < 400_000 && cases < 10; k++) {
      const a: Position = [X + rand() * 0.01, Y + rand() * 0.01];
      const b: Position = [X + 0.02 + rand() * 0.01, Y + 0.02 + rand() * 0.01];
      const y = a[1] + rand() * (b[1] - a[1]);
      const fromA = a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      const fromB = b[0] + ((y - b[1]) * (a[0] - b[0])) / (a[1] - b[1]);
      if (fromA === fromB) continue;
      cases++;
      // Left and right of the edge a→b, each walking the shared edge in its own direction.
      const left = area('L', [a, b, [X - 1, b[1]], [X - 1, a[1]], a]);
      const right = area('R', [b, a, [X + 1, a[1]], [X + 1, b[1]], b]);
      for (const index of [new AreaIndex([left, right]), new AreaIndex([right, left])]) {
        expect(index.findAll(fromA, y)).toHaveLength(1);
        expect(index.findAll(fromB, y)).toHaveLength(1);
      }
    }
    expect(cases).toBe(10);
  });

  it('findAll lists every overlapping area in insertion order', () => {
    const index = new AreaIndex([
      area('c', rect(X + 0.5, Y, 0.01)),
      area('a', rect(X, Y, 0.02)),
      area('b', rect(X + 0.01, Y + 0.01, 0.02)),
    ]);
    expect(index.findAll(X + 0.015, Y + 0.015)).toEqual(['a', 'b']);
    expect(['a', 'b']).toContain(index.find(X + 0.015, Y + 0.015));
  });

  it('accepts rings that are not closed', () => {
    const open = rect(X, Y, 0.01).slice(0, 4);
    const index = new AreaIndex([area('open', open)]);
    expect(index.find(X + 0.005, Y + 0.005)).toBe('open');
    expect(index.find(X + 0.015, Y + 0.005)).toBeUndefined();
  });
});
