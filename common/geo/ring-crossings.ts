import Flatbush from 'flatbush';
import { orient } from './planar';
import type { Position } from './types';

export interface RingRef {
  part: number;
  ring: number;
}

/**
 * cross: two stretches of boundary pass through each other (between vertices or at one);
 * overlap: they run along each other, or a spike doubles back on itself.
 * touch (internal): a vertex lies on another segment or vertex; becomes a cross if the paths pass through.
 */
type HitKind = 'cross' | 'overlap' | 'touch';
export type CrossingKind = 'cross' | 'overlap';

export interface Crossing {
  a: RingRef;
  b: RingRef;
  kind: CrossingKind;
  at: Position;
}

/**
 * Finds where the boundary of an area meets itself. Rings must be closed, free of consecutive duplicate
 * vertices and have at least 4 positions.
 *
 * Reported: boundaries crossing (also when they cross exactly at a vertex) and boundaries running
 * along each other. Not reported: a boundary merely touching itself or another ring at a point
 * (e.g. a hole touching its shell, or the pinch points common in quantized outline data), because
 * area, clipping and point-in-polygon all stay well defined there.
 *
 * Segments go into a flatbush so a 10,000-vertex county outline costs O(n log n) instead of n² pair
 * tests; the orientation tests are plain floating point, which is exact for the short coordinate
 * differences involved unless a vertex sits within ~1e-12° of a foreign edge.
 */
export function findCrossings(polygons: Position[][][], limit = 50): Crossing[] {
  const rings: { ref: RingRef; coords: Position[]; firstSeg: number }[] = [];
  let n = 0;
  polygons.forEach((polygon, part) =>
    polygon.forEach((coords, ring) => {
      rings.push({ ref: { part, ring }, coords, firstSeg: n });
      n += coords.length - 1;
    }),
  );
  if (n === 0) return [];

  const seg = new Float64Array(n * 4);
  const ringOf = new Int32Array(n);
  const index = new Flatbush(n);
  rings.forEach((r, ri) => {
    for (let k = 0; k < r.coords.length - 1; k++) {
      const s = r.firstSeg + k;
      const [x1, y1] = r.coords[k];
      const [x2, y2] = r.coords[k + 1];
      seg.set([x1, y1, x2, y2], s * 4);
      ringOf[s] = ri;
      index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }
  });
  index.finish();

  // The two neighbours of point `at` along the boundary that passes it on segment s.
  const visitAt = (s: number, at: Position): [number, number, number, number] => {
    const o = s * 4;
    const r = rings[ringOf[s]];
    const last = r.firstSeg + r.coords.length - 2;
    if (seg[o] === at[0] && seg[o + 1] === at[1]) {
      const p = (s === r.firstSeg ? last : s - 1) * 4;
      return [seg[p], seg[p + 1], seg[o + 2], seg[o + 3]];
    }
    if (seg[o + 2] === at[0] && seg[o + 3] === at[1]) {
      const q = (s === last ? r.firstSeg : s + 1) * 4;
      return [seg[o], seg[o + 1], seg[q + 2], seg[q + 3]];
    }
    return [seg[o], seg[o + 1], seg[o + 2], seg[o + 3]];
  };

  const found: Crossing[] = [];
  let i = 0;
  const visit = (j: number): boolean => {
    if (j <= i || found.length >= limit) return false;
    const ri = ringOf[i];
    const rj = ringOf[j];
    const sameRing = ri === rj;
    const hit = sameRing ? testSameRing(seg, i, j, rings[ri].firstSeg, rings[ri].coords.length - 1) : testSegments(seg, i, j);
    if (!hit) return false;
    if (hit.kind === 'touch' && !passesThrough(hit.at, visitAt(i, hit.at), visitAt(j, hit.at))) return false;
    const at = hit.at;
    const duplicate = found.some((f) => f.at[0] === at[0] && f.at[1] === at[1]);
    if (!duplicate) found.push({ a: rings[ri].ref, b: rings[rj].ref, kind: hit.kind === 'touch' ? 'cross' : hit.kind, at });
    return false;
  };
  for (; i < n && found.length < limit; i++) {
    const o = i * 4;
    const x1 = seg[o];
    const y1 = seg[o + 1];
    const x2 = seg[o + 2];
    const y2 = seg[o + 3];
    index.search(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2), visit);
  }
  return found;
}

interface Hit {
  kind: HitKind;
  at: Position;
}

function testSameRing(seg: Float64Array, i: number, j: number, firstSeg: number, count: number): Hit | null {
  // j > i always; the ring's last segment is adjacent to its first through the closing vertex.
  if (j === i + 1) return doublesBack(seg, i * 4 + 2, i * 4, j * 4 + 2);
  if (i === firstSeg && j === firstSeg + count - 1) return doublesBack(seg, i * 4, i * 4 + 2, j * 4);
  return testSegments(seg, i, j);
}

/** Adjacent segments meet at `shared`; they only intersect elsewhere if the ring turns back on itself. */
function doublesBack(seg: Float64Array, shared: number, farA: number, farB: number): Hit | null {
  const sx = seg[shared];
  const sy = seg[shared + 1];
  const ax = seg[farA] - sx;
  const ay = seg[farA + 1] - sy;
  const bx = seg[farB] - sx;
  const by = seg[farB + 1] - sy;
  if (ax * by - ay * bx !== 0 || ax * bx + ay * by <= 0) return null;
  return { kind: 'overlap', at: [sx, sy] };
}

function testSegments(seg: Float64Array, i: number, j: number): Hit | null {
  const a = i * 4;
  const b = j * 4;
  const ax1 = seg[a];
  const ay1 = seg[a + 1];
  const ax2 = seg[a + 2];
  const ay2 = seg[a + 3];
  const bx1 = seg[b];
  const by1 = seg[b + 1];
  const bx2 = seg[b + 2];
  const by2 = seg[b + 3];
  const d1 = orient(ax1, ay1, ax2, ay2, bx1, by1);
  const d2 = orient(ax1, ay1, ax2, ay2, bx2, by2);
  const d3 = orient(bx1, by1, bx2, by2, ax1, ay1);
  const d4 = orient(bx1, by1, bx2, by2, ax2, ay2);

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d3 / (d3 - d4);
    return { kind: 'cross', at: [ax1 + t * (ax2 - ax1), ay1 + t * (ay2 - ay1)] };
  }
  if (d1 === 0 && d2 === 0) return collinear(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
  if (d1 === 0 && within(bx1, by1, ax1, ay1, ax2, ay2)) return { kind: 'touch', at: [bx1, by1] };
  if (d2 === 0 && within(bx2, by2, ax1, ay1, ax2, ay2)) return { kind: 'touch', at: [bx2, by2] };
  if (d3 === 0 && within(ax1, ay1, bx1, by1, bx2, by2)) return { kind: 'touch', at: [ax1, ay1] };
  if (d4 === 0 && within(ax2, ay2, bx1, by1, bx2, by2)) return { kind: 'touch', at: [ax2, ay2] };
  return null;
}

/** Both segments lie on one line: compare their extents along the line's dominant axis. */
function collinear(
  ax1: number,
  ay1: number,
  ax2: number,
  ay2: number,
  bx1: number,
  by1: number,
  bx2: number,
  by2: number,
): Hit | null {
  const useX = Math.abs(ax2 - ax1) >= Math.abs(ay2 - ay1);
  const pa1 = useX ? ax1 : ay1;
  const pa2 = useX ? ax2 : ay2;
  const pb1 = useX ? bx1 : by1;
  const pb2 = useX ? bx2 : by2;
  const lo = Math.max(Math.min(pa1, pa2), Math.min(pb1, pb2));
  const hi = Math.min(Math.max(pa1, pa2), Math.max(pb1, pb2));
  if (lo > hi) return null;
  // Report an endpoint that lies in the shared stretch, so `at` is a vertex the user can find.
  const candidates: Position[] = [
    [bx1, by1],
    [bx2, by2],
    [ax1, ay1],
    [ax2, ay2],
  ];
  const at = candidates.find(([x, y]) => {
    const p = useX ? x : y;
    return p >= lo && p <= hi;
  }) as Position;
  return { kind: lo < hi ? 'overlap' : 'touch', at };
}

function within(px: number, py: number, x1: number, y1: number, x2: number, y2: number): boolean {
  return px >= Math.min(x1, x2) && px <= Math.max(x1, x2) && py >= Math.min(y1, y2) && py <= Math.max(y1, y2);
}

/**
 * Two boundary paths meet at `at`, each given by its neighbours before and after. They cross when
 * the second path enters on one side of the first and leaves on the other; merely grazing, or
 * running along the first path (an overlap, reported on its own), is not a crossing.
 */
function passesThrough(at: Position, p: [number, number, number, number], q: [number, number, number, number]): boolean {
  const [vx, vy] = at;
  const ax = p[0] - vx;
  const ay = p[1] - vy;
  const bx = p[2] - vx;
  const by = p[3] - vy;
  const s1 = sideOfPath(q[0] - vx, q[1] - vy, ax, ay, bx, by);
  const s2 = sideOfPath(q[2] - vx, q[3] - vy, ax, ay, bx, by);
  return s1 * s2 === -1;
}

/** 1 if direction u lies strictly in the counter-clockwise sweep from a to b, -1 if in the sweep from b to a, 0 on a or b. */
function sideOfPath(ux: number, uy: number, ax: number, ay: number, bx: number, by: number): number {
  if (inSweep(ux, uy, ax, ay, bx, by)) return 1;
  if (inSweep(ux, uy, bx, by, ax, ay)) return -1;
  return 0;
}

function inSweep(ux: number, uy: number, ax: number, ay: number, bx: number, by: number): boolean {
  const ab = ax * by - ay * bx;
  const au = ax * uy - ay * ux;
  const ub = ux * by - uy * bx;
  if (ab > 0) return au > 0 && ub > 0;
  if (ab < 0) return au > 0 || ub > 0;
  // a and b opposite: the sweep is the half-plane left of a. Same direction: a degenerate spike.
  return ax * bx + ay * by < 0 && au > 0;
}
