import { m2PerDeg2, ringSignedArea } from './planar';
import type { Position } from './types';

/** Drops a vertex equal to the one before it. Input and output are closed rings. */
export function dropRepeats(ring: Position[]): Position[] {
  const out: Position[] = [ring[0]];
  for (let k = 1; k < ring.length; k++) {
    const p = ring[k];
    const q = out[out.length - 1];
    if (p[0] !== q[0] || p[1] !== q[1]) out.push(p);
  }
  return out;
}

/**
 * True when all vertices lie (within a square metre of area) on one line: such a ring encloses
 * nothing. Measured as the largest triangle spanned with the two mutually far vertices, not as the
 * signed area, which is also zero for a symmetric bow-tie that encloses plenty.
 */
export function isCollinear(ring: Position[]): boolean {
  const [x0, y0] = ring[0];
  let far = 0;
  let best = -1;
  for (let k = 1; k < ring.length; k++) {
    const d = (ring[k][0] - x0) ** 2 + (ring[k][1] - y0) ** 2;
    if (d > best) {
      best = d;
      far = k;
    }
  }
  const [x1, y1] = ring[far];
  let maxCross = 0;
  for (const [x, y] of ring) {
    maxCross = Math.max(maxCross, Math.abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)));
  }
  return (maxCross / 2) * m2PerDeg2(y0) < 1;
}

/** b sits between a and c on one line with a and c on the same side: the boundary goes out and straight back. */
function isSpike(a: Position, b: Position, c: Position): boolean {
  const ux = a[0] - b[0];
  const uy = a[1] - b[1];
  const vx = c[0] - b[0];
  const vy = c[1] - b[1];
  return ux * vy - uy * vx === 0 && ux * vx + uy * vy > 0;
}

/**
 * Removes zero-width spikes (A→B→A, or B overshooting along the line back towards A). They enclose
 * no area, so removing them leaves the region unchanged, but they count as the boundary overlapping
 * itself; outline data quantized to a coarse grid (like the county outlines we ship) is full of them.
 * Input: closed ring without repeats. Output: closed ring, possibly shorter than 4 if nothing is left.
 */
export function dropSpikes(ring: Position[]): Position[] {
  const st: Position[] = [];
  const settle = (): void => {
    for (;;) {
      const n = st.length;
      if (n >= 2 && st[n - 1][0] === st[n - 2][0] && st[n - 1][1] === st[n - 2][1]) st.pop();
      else if (n >= 3 && isSpike(st[n - 3], st[n - 2], st[n - 1])) st.splice(n - 2, 1);
      else return;
    }
  };
  for (let k = 0; k < ring.length - 1; k++) {
    st.push(ring[k]);
    settle();
  }
  // The stack pass cannot see spikes at the seam between the last and the first vertex.
  for (;;) {
    const n = st.length;
    if (n < 3) break;
    if (st[n - 1][0] === st[0][0] && st[n - 1][1] === st[0][1]) st.pop();
    else if (isSpike(st[n - 1], st[0], st[1])) st.shift();
    else if (isSpike(st[n - 2], st[n - 1], st[0])) st.pop();
    else break;
  }
  return st.length === 0 ? [] : [...st, st[0]];
}

/**
 * RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Storing one winding means the
 * GeoJSON we serve is valid as is, equal boundaries compare equal, and renderers that do care about
 * winding (d3-geo, some vector-tile tools) draw the area rather than the rest of the world.
 */
export function orientRing(ring: Position[], exterior: boolean): Position[] {
  const ccw = ringSignedArea(ring) > 0;
  return ccw === exterior ? ring : [...ring].reverse();
}
