import type { Outline } from './plane';

/**
 * Clips a convex Voronoi cell to the county outline (Weiler–Atherton, convex clip window), in E6 units.
 *
 * Why not turf.intersect: neighbouring cells must come out with *identical* vertices along their shared
 * edge, including where that edge leaves the county, or rounding to 6 decimals opens slivers and overlaps.
 * Here every crossing is a pure function of the Voronoi edge (endpoints in a canonical order) and the
 * outline segment, so both cells compute the same point bit for bit. The crossing is then snapped to the
 * nearest E6 lattice point on the inner side of the outline segment, which keeps every cell inside the
 * county exactly (the outline vertices themselves are E6 integers).
 *
 * Degenerate positions (a cell edge through an outline vertex) use a fixed tie rule: a zero orientation
 * counts as "left", evaluated from the same arguments everywhere, so crossing parity stays consistent.
 */

export type E6Ring = [number, number][];

interface Crossing {
  /** position along the cell ring: edge index + parameter */
  cPos: number;
  /** position along the outline: segment index + parameter */
  pPos: number;
  entering: boolean;
  X: number;
  Y: number;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * Returns null when the cell does not cross the outline (the caller knows its site is inside the county,
 * so the cell is then entirely inside), otherwise the pieces of the cell inside the county (CCW rings of
 * integer E6 vertices, unclosed).
 */
export function clipCell(o: Outline, vx: readonly number[], vy: readonly number[]): E6Ring[] | null {
  const m = vx.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < m; i++) {
    if (vx[i] < minX) minX = vx[i];
    if (vx[i] > maxX) maxX = vx[i];
    if (vy[i] < minY) minY = vy[i];
    if (vy[i] > maxY) maxY = vy[i];
  }
  const segs = o.index.search(minX, minY, maxX, maxY);
  if (segs.length === 0) return null;

  const crossings: Crossing[] = [];
  for (let i = 0; i < m; i++) {
    const j = i + 1 === m ? 0 : i + 1;
    const forward = vx[i] < vx[j] || (vx[i] === vx[j] && vy[i] < vy[j]);
    const ax = forward ? vx[i] : vx[j];
    const ay = forward ? vy[i] : vy[j];
    const bx = forward ? vx[j] : vx[i];
    const by = forward ? vy[j] : vy[i];
    const eMinX = Math.min(ax, bx);
    const eMaxX = Math.max(ax, bx);
    const eMinY = Math.min(ay, by);
    const eMaxY = Math.max(ay, by);
    for (const k of segs) {
      const k1 = k + 1 === o.n ? 0 : k + 1;
      const px = o.xs[k];
      const py = o.ys[k];
      const qx = o.xs[k1];
      const qy = o.ys[k1];
      if (Math.max(px, qx) < eMinX || Math.min(px, qx) > eMaxX || Math.max(py, qy) < eMinY || Math.min(py, qy) > eMaxY) {
        continue;
      }
      const c = crossEdgeSegment(ax, ay, bx, by, px, py, qx, qy);
      if (!c) continue;
      // c.aInside: the canonical start a lies on the inner side of the segment.
      const startInside = forward ? c.aInside : !c.aInside;
      crossings.push({
        cPos: i + (forward ? c.s : 1 - c.s),
        pPos: k + c.u,
        entering: !startInside,
        X: c.X,
        Y: c.Y,
      });
    }
  }
  if (crossings.length === 0) return null;
  if (crossings.length % 2 !== 0) throw new Error('demo clip: odd number of outline crossings');

  const n = crossings.length;
  const byC = crossings.map((_, i) => i).sort((a, b) => crossings[a].cPos - crossings[b].cPos);
  const byP = crossings.map((_, i) => i).sort((a, b) => crossings[a].pPos - crossings[b].pPos);
  const nextC = new Int32Array(n);
  const nextP = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    nextC[byC[r]] = byC[(r + 1) % n];
    nextP[byP[r]] = byP[(r + 1) % n];
    if (crossings[byC[r]].entering === crossings[byC[(r + 1) % n]].entering) {
      throw new Error('demo clip: crossings do not alternate');
    }
  }

  const used = new Uint8Array(n);
  const rings: E6Ring[] = [];
  for (const start of byC) {
    if (used[start] || !crossings[start].entering) continue;
    const ring: E6Ring = [];
    let cur = start;
    for (let guard = 0; ; guard++) {
      if (guard > n) throw new Error('demo clip: traversal did not close');
      used[cur] = 1;
      const a = crossings[cur];
      ring.push([a.X, a.Y]);
      // inside the county, along the cell boundary, until the cell leaves the county
      const b = crossings[nextC[cur]];
      walkCell(vx, vy, a.cPos, b.cPos, ring);
      used[nextC[cur]] = 1;
      ring.push([b.X, b.Y]);
      // inside the cell, along the outline, until the outline leaves the cell
      const z = nextP[nextC[cur]];
      walkOutline(o, b.pPos, crossings[z].pPos, ring);
      if (z === start) break;
      if (!crossings[z].entering) throw new Error('demo clip: inconsistent crossing order');
      cur = z;
    }
    const clean = dedupe(ring);
    if (clean.length >= 3) rings.push(clean);
  }
  return rings;
}

function walkCell(vx: readonly number[], vy: readonly number[], from: number, to: number, out: E6Ring): void {
  const m = vx.length;
  const i = Math.floor(from);
  const j = Math.floor(to);
  let steps = (j - i + m) % m;
  if (steps === 0 && to <= from) steps = m;
  for (let s = 1; s <= steps; s++) {
    const v = (i + s) % m;
    out.push([Math.round(vx[v]), Math.round(vy[v])]);
  }
}

function walkOutline(o: Outline, from: number, to: number, out: E6Ring): void {
  const n = o.n;
  const k = Math.floor(from);
  const k2 = Math.floor(to);
  let steps = (k2 - k + n) % n;
  if (steps === 0 && to <= from) steps = n;
  for (let s = 1; s <= steps; s++) {
    const v = (k + s) % n;
    out.push([o.xs[v], o.ys[v]]);
  }
}

function dedupe(ring: E6Ring): E6Ring {
  const out: E6Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

interface EdgeCrossing {
  s: number;
  u: number;
  X: number;
  Y: number;
  aInside: boolean;
}

/**
 * Crossing of the cell edge a→b (canonical order) with outline segment p→q, or null.
 * The outline is counter-clockwise, so "inside" is the left of p→q.
 */
function crossEdgeSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  px: number,
  py: number,
  qx: number,
  qy: number,
): EdgeCrossing | null {
  const pSide = orient(ax, ay, bx, by, px, py) >= 0;
  const qSide = orient(ax, ay, bx, by, qx, qy) >= 0;
  if (pSide === qSide) return null;
  const aInside = orient(px, py, qx, qy, ax, ay) >= 0;
  const bInside = orient(px, py, qx, qy, bx, by) >= 0;
  if (aInside === bInside) return null;
  const dx = bx - ax;
  const dy = by - ay;
  const ex = qx - px;
  const ey = qy - py;
  const den = dx * ey - dy * ex;
  const wx = px - ax;
  const wy = py - ay;
  const s = Math.min(1, Math.max(0, (wx * ey - wy * ex) / den));
  const u = Math.min(1, Math.max(0, (wx * dy - wy * dx) / den));
  const [X, Y] = snapInside(ax + s * dx, ay + s * dy, px, py, qx, qy);
  return { s, u, X, Y, aInside };
}

/**
 * An E6 lattice point near (x, y) on the inner (left) side of p→q or on it. Among the points within
 * about two lattice steps it takes the one closest to the segment's line: the notch left between the
 * cell and the county line is a triangle of that height, so this keeps it well under a square metre.
 */
function snapInside(x: number, y: number, px: number, py: number, qx: number, qy: number): [number, number] {
  const fx = Math.floor(x);
  const fy = Math.floor(y);
  const len = Math.hypot(qx - px, qy - py) || 1;
  let best: [number, number] = [Math.round(x), Math.round(y)];
  let bestScore = Infinity;
  for (let i = -2; i <= 3; i++) {
    for (let j = -2; j <= 3; j++) {
      const cx = fx + i;
      const cy = fy + j;
      const side = orient(px, py, qx, qy, cx, cy);
      if (side < 0) continue;
      const d2 = (cx - x) * (cx - x) + (cy - y) * (cy - y);
      if (d2 > 6.25) continue;
      // height above the line dominates; distance to the exact crossing breaks ties
      const score = side / len + 1e-3 * d2;
      if (score < bestScore) {
        bestScore = score;
        best = [cx, cy];
      }
    }
  }
  return best;
}
