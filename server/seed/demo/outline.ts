import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Position } from '../../../common/geo/types';

/**
 * Making a county outline usable as the root of an exact partition: one simple ring.
 *
 * The bundled outlines come from a quantised web-map file: spikes, self-touching loops and ~60 m
 * islands/holes where rings were snapped to a 1/1024° lattice. Uniting the ring with itself lets polyclip
 * resolve the self-intersections; the outer ring of the largest part is kept. Holes are filled and islands
 * dropped, which between neighbouring counties cancels out: the dropped islands are exactly the
 * neighbours' filled holes, so cleaned outlines still do not overlap.
 */

/** Outer ring of the largest part of the ring united with itself (unclosed, no rounding). */
export function resolveRing(ring: readonly Position[]): Position[] {
  const poly = turf.polygon([close(ring)]);
  const merged = turf.union(turf.featureCollection([poly, poly]));
  if (!merged) throw new Error('demo outline: empty outline');
  const g = merged.geometry;
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best = parts[0];
  let bestArea = -1;
  for (const p of parts) {
    const a = turf.area(turf.polygon([p[0]]));
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  return dedupeRing(best[0] as Position[]);
}

/** No two non-adjacent edges touch and no vertex repeats (turf.kinks is quadratic on 10k vertices). */
export function isSimpleRing(ring: readonly Position[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[(i + 1) % n];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const hits = index.search(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    for (const j of hits) {
      if (j <= i) continue;
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      const c = ring[j];
      const d = ring[(j + 1) % n];
      if (adjacent) {
        // neighbours share one vertex; they must not fold back onto each other
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        if (orient(other1, shared, other2) === 0 && dot(other1, shared, other2) > 0) return false;
        continue;
      }
      if (segmentsTouch(a, b, c, d)) return false;
    }
  }
  return true;
}

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** (a - s)·(c - s) for the angle at s */
function dot(a: Position, s: Position, c: Position): number {
  return (a[0] - s[0]) * (c[0] - s[0]) + (a[1] - s[1]) * (c[1] - s[1]);
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}

function segmentsTouch(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(a, c, b)) ||
    (o2 === 0 && onSegment(a, d, b)) ||
    (o3 === 0 && onSegment(c, a, d)) ||
    (o4 === 0 && onSegment(c, b, d))
  );
}

/** Drops repeated consecutive vertices, the closing vertex, and zero-width spikes (a → b → a). */
export function dedupeRing<T extends readonly number[]>(ring: readonly T[]): T[] {
  const out: T[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    const before = out[out.length - 2];
    if (before && before[0] === p[0] && before[1] === p[1]) {
      out.pop();
      continue;
    }
    out.push(p);
  }
  while (out.length > 2) {
    const first = out[0];
    const last = out[out.length - 1];
    if (first[0] === last[0] && first[1] === last[1]) out.pop();
    else if (out[1][0] === last[0] && out[1][1] === last[1]) out.shift();
    else if (out[out.length - 2][0] === first[0] && out[out.length - 2][1] === first[1]) out.pop();
    else break;
  }
  return out;
}

export function close<T>(ring: readonly T[]): T[] {
  return [...ring, ring[0]];
}
