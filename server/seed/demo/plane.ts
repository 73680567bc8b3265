import Flatbush from 'flatbush';
import type { AreaGeometry, Position } from '../../../common/geo/types';
import { dedupeRing, isSimpleRing, resolveRing } from './outline';

/**
 * Two coordinate spaces are used by the demo generator:
 * - "km": a local equirectangular plane per county, for distances, areas and the Voronoi diagram;
 * - "E6": micro-degrees (lng·1e6, lat·1e6). Every output vertex is an integer in E6, i.e. exactly the
 *   6-decimal value that is stored. The km→E6 map is affine, so straight edges and convexity survive it.
 */
export const E6 = 1e6;

export interface Frame {
  lng0: number;
  lat0: number;
  /** km per degree of longitude / latitude at lat0 */
  kx: number;
  ky: number;
}

export function makeFrame(lng0: number, lat0: number): Frame {
  return { lng0, lat0, kx: 111.32 * Math.cos((lat0 * Math.PI) / 180), ky: 110.57 };
}

export function kmToE6(f: Frame, x: number, y: number): [number, number] {
  return [(f.lng0 + x / f.kx) * E6, (f.lat0 + y / f.ky) * E6];
}

export function e6ToKm(f: Frame, X: number, Y: number): [number, number] {
  return [(X / E6 - f.lng0) * f.kx, (Y / E6 - f.lat0) * f.ky];
}

export function lngLatToKm(f: Frame, p: Position): [number, number] {
  return [(p[0] - f.lng0) * f.kx, (p[1] - f.lat0) * f.ky];
}

/** A county outline as one simple counter-clockwise ring of integer E6 vertices, with a segment index. */
export interface Outline {
  n: number;
  xs: Float64Array;
  ys: Float64Array;
  /** segment k runs from vertex k to vertex (k + 1) % n */
  index: Flatbush;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Takes the outer ring of the largest polygon (resolving self-intersections, see outline.ts), orients
 * it counter-clockwise and snaps it to 6 decimals *inwards*: each vertex moves to a lattice point on the
 * inner side of both its edges' lines, so every snapped edge lies on the inner side of the edge it
 * replaces and everything drawn inside the snapped outline is inside the caller's outline too.
 * Outlines already on the lattice are left as they are.
 */
export function buildOutline(boundary: AreaGeometry): Outline {
  const polys = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  let best: Position[] | null = null;
  let bestArea = -1;
  for (const poly of polys) {
    if (!poly[0] || poly[0].length < 4) continue;
    const a = Math.abs(ringArea(poly[0]));
    if (a > bestArea) {
      bestArea = a;
      best = poly[0];
    }
  }
  if (!best) throw new Error('demo outline: empty outline');
  let ring = dedupeRing(best.map((p) => [p[0], p[1]] as Position));
  if (!isSimpleRing(ring)) ring = resolveRing(ring);
  if (ringArea(ring) < 0) ring.reverse();
  let pts = dedupeRing(snapInwards(ring.map(([x, y]) => [toE6(x), toE6(y)] as [number, number])));
  if (!isSimpleRing(pts)) {
    // Snapping closed a neck narrower than the lattice: resolve once more and snap to the nearest point.
    pts = dedupeRing(resolveRing(pts.map(([x, y]) => [x / E6, y / E6] as Position)).map(([x, y]) => [Math.round(x * E6), Math.round(y * E6)] as [number, number]));
    if (ringArea(pts) < 0) pts.reverse();
    if (!isSimpleRing(pts)) throw new Error('demo outline: could not make the outline simple');
  }
  const n = pts.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  pts.forEach(([x, y], i) => {
    xs[i] = x;
    ys[i] = y;
  });
  const index = new Flatbush(n);
  for (let k = 0; k < n; k++) {
    const j = (k + 1) % n;
    index.add(Math.min(xs[k], xs[j]), Math.min(ys[k], ys[j]), Math.max(xs[k], xs[j]), Math.max(ys[k], ys[j]));
  }
  index.finish();
  return { n, xs, ys, index, minX: index.minX, minY: index.minY, maxX: index.maxX, maxY: index.maxY };
}

/** Degrees to E6, treating values that are already 6-decimal (up to float noise) as exact. */
function toE6(v: number): number {
  const x = v * E6;
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 ? r : x;
}

/**
 * Lattice points for a CCW ring in E6 units, each on the inner side of both edges meeting at its vertex
 * (see buildOutline). At a reflex corner that is the narrower wedge, not the whole local interior: a point
 * merely inside the corner could put the next edge across the old one, leaving a sliver outside.
 */
function snapInwards(ring: [number, number][]): [number, number][] {
  const n = ring.length;
  return ring.map(([x, y], i) => {
    const [ux, uy] = ring[(i + n - 1) % n];
    const [wx, wy] = ring[(i + 1) % n];
    const left = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
      (bx - ax) * (cy - ay) - (by - ay) * (cx - ax) >= 0;
    const fx = Math.floor(x);
    const fy = Math.floor(y);
    for (const r of [1, 3, 8, 20]) {
      let best: [number, number] | null = null;
      let bestD = Infinity;
      for (let i2 = 1 - r; i2 <= r; i2++) {
        for (let j2 = 1 - r; j2 <= r; j2++) {
          const cx = fx + i2;
          const cy = fy + j2;
          const a = left(ux, uy, x, y, cx, cy);
          const b = left(x, y, wx, wy, cx, cy);
          if (!(a && b)) continue;
          const d = (cx - x) ** 2 + (cy - y) ** 2;
          if (d < bestD) {
            bestD = d;
            best = [cx, cy];
          }
        }
      }
      if (best) return best;
    }
    return [Math.round(x), Math.round(y)];
  });
}

/** Even–odd test against the outline (E6 coordinates), casting a ray towards +x. */
export function insideOutline(o: Outline, X: number, Y: number): boolean {
  if (X < o.minX || X > o.maxX || Y < o.minY || Y > o.maxY) return false;
  let inside = false;
  const hits = o.index.search(X, Y, o.maxX, Y);
  for (const k of hits) {
    const j = k + 1 === o.n ? 0 : k + 1;
    const y0 = o.ys[k];
    const y1 = o.ys[j];
    if (y0 > Y === y1 > Y) continue;
    const xc = o.xs[k] + ((Y - y0) / (y1 - y0)) * (o.xs[j] - o.xs[k]);
    if (xc > X) inside = !inside;
  }
  return inside;
}

/** Whether any outline segment's bbox touches the rectangle (E6). */
export function outlineTouches(o: Outline, minX: number, minY: number, maxX: number, maxY: number): boolean {
  let found = false;
  o.index.search(minX, minY, maxX, maxY, () => {
    found = true;
    return false;
  });
  return found;
}

/** Shoelace area, positive for counter-clockwise rings (any units). */
export function ringArea(ring: readonly (readonly number[])[]): number {
  if (ring.length < 3) return 0;
  // Relative to the first vertex: E6 coordinates are ~1e8, and their raw products would eat the precision.
  const ox = ring[0][0];
  const oy = ring[0][1];
  let a = 0;
  for (let i = 1, n = ring.length; i < n - 1; i++) {
    const p = ring[i];
    const q = ring[i + 1];
    a += (p[0] - ox) * (q[1] - oy) - (q[0] - ox) * (p[1] - oy);
  }
  return a / 2;
}

export function outlineToGeometry(o: Outline): AreaGeometry {
  const ring: Position[] = [];
  for (let k = 0; k < o.n; k++) ring.push([o.xs[k] / E6, o.ys[k] / E6]);
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Even-odd test of (X, Y) against a ring given as indices into the shared vertex arrays. */
export function ringContains(vx: Int32Array, vy: Int32Array, ring: readonly number[], X: number, Y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = vx[ring[i]];
    const yi = vy[ring[i]];
    const xj = vx[ring[j]];
    const yj = vy[ring[j]];
    if (yi > Y !== yj > Y && X < ((xj - xi) * (Y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
