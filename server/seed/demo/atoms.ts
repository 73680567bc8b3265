import * as turf from '@turf/turf';
import { clipCell, type E6Ring } from './clip';
import { type Frame, insideOutline, kmToE6, type Outline, outlineTouches, ringArea, ringContains, E6 } from './plane';
import type { Rng } from './random';

/**
 * "Atoms" are the building blocks of the synthetic map: Voronoi cells of jittered sites, clipped to the
 * county. Every unit drawn later (township, community, grid, micro-grid) is a union of whole atoms, so
 * all of them share exactly the same vertices along common boundaries and nest without slivers.
 * Sites are denser where small units will be drawn (county seat, town centres).
 */

export interface DensityCore {
  /** km */
  x: number;
  y: number;
  /** site spacing at the core, km */
  spacing: number;
  /** radius with the core spacing, km */
  radius: number;
  /** distance over which the spacing doubles outside the radius, km */
  doubling: number;
}

export interface AtomSet {
  frame: Frame;
  count: number;
  /** CSR: vertex ids of atom a are ringVerts[ringStart[a] .. ringStart[a + 1]) (unclosed, CCW) */
  ringStart: Int32Array;
  ringVerts: Int32Array;
  /** vertex coordinates, integer E6 */
  vx: Int32Array;
  vy: Int32Array;
  /** centroid, km */
  cx: Float64Array;
  cy: Float64Array;
  /** km² */
  area: Float64Array;
  /** a point inside the atom (its Voronoi site where it has one), km */
  lx: Float64Array;
  ly: Float64Array;
  /** CSR adjacency by shared edges; adjDist = centroid distance in km */
  adjStart: Int32Array;
  adj: Int32Array;
  adjDist: Float64Array;
}

export function spacingAt(cores: readonly DensityCore[], rural: number, x: number, y: number, halfSize = 0): number {
  let s = rural;
  for (const c of cores) {
    const dx = Math.max(0, Math.abs(x - c.x) - halfSize);
    const dy = Math.max(0, Math.abs(y - c.y) - halfSize);
    const d = Math.sqrt(dx * dx + dy * dy);
    const local = c.spacing * 2 ** (Math.max(0, d - c.radius) / c.doubling);
    if (local < s) s = local;
  }
  return s;
}

/** Quadtree-refined jittered lattice of sites inside the outline (km). */
export function sampleSites(o: Outline, f: Frame, cores: readonly DensityCore[], rural: number, rng: Rng): [number, number][] {
  const [x0, y0] = [(o.minX / E6 - f.lng0) * f.kx, (o.minY / E6 - f.lat0) * f.ky];
  const [x1, y1] = [(o.maxX / E6 - f.lng0) * f.kx, (o.maxY / E6 - f.lat0) * f.ky];
  const sites: [number, number][] = [];
  const visit = (cx0: number, cy0: number, size: number): void => {
    const [X0, Y0] = kmToE6(f, cx0, cy0);
    const [X1, Y1] = kmToE6(f, cx0 + size, cy0 + size);
    const onBorder = outlineTouches(o, X0, Y0, X1, Y1);
    if (!onBorder && !insideOutline(o, (X0 + X1) / 2, (Y0 + Y1) / 2)) return;
    const half = size / 2;
    const want = spacingAt(cores, rural, cx0 + half, cy0 + half, half);
    if (size > want * 1.15) {
      visit(cx0, cy0, half);
      visit(cx0 + half, cy0, half);
      visit(cx0, cy0 + half, half);
      visit(cx0 + half, cy0 + half, half);
      return;
    }
    const sx = cx0 + size * (0.1 + 0.8 * rng.next());
    const sy = cy0 + size * (0.1 + 0.8 * rng.next());
    if (onBorder) {
      const [SX, SY] = kmToE6(f, sx, sy);
      if (!insideOutline(o, SX, SY)) return;
    }
    sites.push([sx, sy]);
  };
  for (let y = y0; y < y1; y += rural) for (let x = x0; x < x1; x += rural) visit(x, y, rural);
  return sites;
}

export function buildAtoms(o: Outline, f: Frame, sites: readonly [number, number][]): AtomSet {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of sites) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const points = turf.featureCollection(sites.map(([x, y]) => turf.point([x, y])));
  // The extent is far outside the county so no extent edge is ever inside it.
  const cells = turf.voronoi(points, { bbox: [minX - 50, minY - 50, maxX + 50, maxY + 50] });

  const vertexIds = new Map<string, number>();
  const vxs: number[] = [];
  const vys: number[] = [];
  const intern = (X: number, Y: number): number => {
    const key = `${X},${Y}`;
    let id = vertexIds.get(key);
    if (id === undefined) {
      id = vxs.length;
      vertexIds.set(key, id);
      vxs.push(X);
      vys.push(Y);
    }
    return id;
  };

  const rings: number[][] = [];
  const siteOf: (number | null)[] = [];
  cells.features.forEach((cell, s) => {
    if (!cell) return;
    const coords = cell.geometry.coordinates[0];
    const vx: number[] = [];
    const vy: number[] = [];
    for (let i = 0; i < coords.length - 1; i++) {
      const [X, Y] = kmToE6(f, coords[i][0], coords[i][1]);
      vx.push(X);
      vy.push(Y);
    }
    if (ringArea(vx.map((x, i) => [x, vy[i]])) < 0) {
      vx.reverse();
      vy.reverse();
    }
    const pieces: E6Ring[] = clipCell(o, vx, vy) ?? [vx.map((x, i) => [Math.round(x), Math.round(vy[i])] as [number, number])];
    for (const piece of pieces) {
      const ids: number[] = [];
      for (const [X, Y] of piece) {
        const id = intern(X, Y);
        if (ids[ids.length - 1] !== id) ids.push(id);
      }
      while (ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
      if (ids.length < 3) continue;
      rings.push(ids);
      siteOf.push(s);
    }
  });

  const count = rings.length;
  const ringStart = new Int32Array(count + 1);
  let total = 0;
  rings.forEach((r, a) => {
    ringStart[a] = total;
    total += r.length;
  });
  ringStart[count] = total;
  const ringVerts = new Int32Array(total);
  rings.forEach((r, a) => ringVerts.set(r, ringStart[a]));
  const vx = Int32Array.from(vxs);
  const vy = Int32Array.from(vys);

  const cx = new Float64Array(count);
  const cy = new Float64Array(count);
  const area = new Float64Array(count);
  const lx = new Float64Array(count);
  const ly = new Float64Array(count);
  const piecesPerSite = new Map<number, number>();
  for (const s of siteOf) if (s !== null) piecesPerSite.set(s, (piecesPerSite.get(s) ?? 0) + 1);
  for (let a = 0; a < count; a++) {
    const r = rings[a];
    const ox = vx[r[0]];
    const oy = vy[r[0]];
    let A = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 1; i < r.length - 1; i++) {
      const px = vx[r[i]] - ox;
      const py = vy[r[i]] - oy;
      const qx = vx[r[i + 1]] - ox;
      const qy = vy[r[i + 1]] - oy;
      const cr = px * qy - qx * py;
      A += cr;
      sx += (px + qx) * cr;
      sy += (py + qy) * cr;
    }
    const Xc = A !== 0 ? ox + sx / (3 * A) : ox;
    const Yc = A !== 0 ? oy + sy / (3 * A) : oy;
    cx[a] = (Xc / E6 - f.lng0) * f.kx;
    cy[a] = (Yc / E6 - f.lat0) * f.ky;
    area[a] = Math.abs(A / 2) * (f.kx / E6) * (f.ky / E6);
    const s = siteOf[a]!;
    // A cell split by the county border keeps its site in one piece only; the others use the centroid.
    const site = sites[s];
    const own = piecesPerSite.get(s) === 1 || ringContains(vx, vy, r, ...kmToE6(f, site[0], site[1]));
    lx[a] = own ? site[0] : cx[a];
    ly[a] = own ? site[1] : cy[a];
  }

  // Two atoms are neighbours when one has the edge u→v and the other v→u.
  const nv = vxs.length;
  const edgeOwner = new Map<number, number>();
  const pairs: number[] = [];
  for (let a = 0; a < count; a++) {
    for (let i = ringStart[a], end = ringStart[a + 1]; i < end; i++) {
      const u = ringVerts[i];
      const v = ringVerts[i + 1 === end ? ringStart[a] : i + 1];
      const other = edgeOwner.get(v * nv + u);
      if (other !== undefined) {
        if (other !== a) pairs.push(a, other);
      } else {
        edgeOwner.set(u * nv + v, a);
      }
    }
  }
  const degree = new Int32Array(count + 1);
  const seen = new Set<number>();
  const uniq: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const a = Math.min(pairs[i], pairs[i + 1]);
    const b = Math.max(pairs[i], pairs[i + 1]);
    const key = a * count + b;
    if (seen.has(key)) continue;
    seen.add(key);
    uniq.push(a, b);
    degree[a]++;
    degree[b]++;
  }
  const adjStart = new Int32Array(count + 1);
  for (let a = 0; a < count; a++) adjStart[a + 1] = adjStart[a] + degree[a];
  const fill = adjStart.slice(0, count);
  const adj = new Int32Array(adjStart[count]);
  const adjDist = new Float64Array(adjStart[count]);
  for (let i = 0; i < uniq.length; i += 2) {
    const a = uniq[i];
    const b = uniq[i + 1];
    const d = Math.hypot(cx[a] - cx[b], cy[a] - cy[b]);
    adj[fill[a]] = b;
    adjDist[fill[a]++] = d;
    adj[fill[b]] = a;
    adjDist[fill[b]++] = d;
  }
  return { frame: f, count, ringStart, ringVerts, vx, vy, cx, cy, area, lx, ly, adjStart, adj, adjDist };
}
