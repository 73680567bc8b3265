import type { AreaGeometry, Position } from '../../common/geo/types';
import type { AtomSet } from './demo-atoms';
import { E6 } from './demo-plane';
import { hashPair } from './demo-random';

/**
 * Splitting a set of atoms into regions, and turning a region back into a polygon.
 *
 * Regions grow from seeds over the atom adjacency graph (a graph Voronoi with multiplicative weights:
 * cost = path length / weight). Growing over the graph, rather than assigning atoms to the nearest seed,
 * keeps every region connected; per-edge noise gives boundaries a natural wobble instead of straight
 * Voronoi lines.
 */

export interface Seed {
  atom: number;
  /** relative "radius" of the region; larger grows further */
  weight: number;
}

export interface GrowOptions {
  /** noise seed; boundaries differ per seed */
  noise: number;
  /** ±fraction of the edge length, default 0.35 */
  roughness?: number;
}

/** Scratch arrays reused across calls (one generator run is single-threaded). */
class Scratch {
  owner: Int32Array;
  cost: Float64Array;
  mark: Int32Array;
  stamp = 0;
  constructor(n: number) {
    this.owner = new Int32Array(n);
    this.cost = new Float64Array(n);
    this.mark = new Int32Array(n);
  }
}
const scratchFor = new WeakMap<AtomSet, Scratch>();
function scratch(atoms: AtomSet): Scratch {
  let s = scratchFor.get(atoms);
  if (!s) {
    s = new Scratch(atoms.count);
    scratchFor.set(atoms, s);
  }
  s.stamp++;
  return s;
}

/** Assigns every member atom to one seed; returns the member lists per seed (in seed order). */
export function grow(atoms: AtomSet, members: readonly number[], seeds: readonly Seed[], opts: GrowOptions): number[][] {
  const sc = scratch(atoms);
  const { owner, cost, mark } = sc;
  const stamp = sc.stamp;
  for (const a of members) {
    mark[a] = stamp;
    owner[a] = -1;
    cost[a] = Infinity;
  }
  const rough = opts.roughness ?? 0.35;
  const heap = new MinHeap();
  seeds.forEach((s, i) => {
    if (mark[s.atom] !== stamp) throw new Error('demo grow: seed outside its parent');
    if (cost[s.atom] === 0) throw new Error('demo grow: two seeds on one atom');
    cost[s.atom] = 0;
    heap.push(0, s.atom, i);
  });
  while (heap.size > 0) {
    const c = heap.topCost();
    const a = heap.topAtom();
    const s = heap.topSeed();
    heap.pop();
    if (owner[a] !== -1 || c > cost[a]) continue;
    owner[a] = s;
    const w = seeds[s].weight;
    for (let e = atoms.adjStart[a], end = atoms.adjStart[a + 1]; e < end; e++) {
      const b = atoms.adj[e];
      if (mark[b] !== stamp || owner[b] !== -1) continue;
      const jitter = 1 + rough * (2 * hashPair(Math.min(a, b), Math.max(a, b), opts.noise) - 1);
      const nc = c + (atoms.adjDist[e] * jitter) / w;
      if (nc < cost[b]) {
        cost[b] = nc;
        heap.push(nc, b, s);
      }
    }
  }
  const groups: number[][] = seeds.map(() => []);
  for (const a of members) {
    let s = owner[a];
    if (s === -1) {
      // Not reachable inside the parent (e.g. a piece cut off by the county border): nearest seed wins.
      let best = Infinity;
      seeds.forEach((sd, i) => {
        const d = Math.hypot(atoms.cx[a] - atoms.cx[sd.atom], atoms.cy[a] - atoms.cy[sd.atom]) / sd.weight;
        if (d < best) {
          best = d;
          s = i;
        }
      });
    }
    groups[s].push(a);
  }
  return groups;
}

/**
 * k well-spread atoms: farthest-point sampling, starting from the given fixed points (which are not
 * returned) or, without them, from the member closest to the members' centroid.
 */
export function spreadSeeds(atoms: AtomSet, members: readonly number[], k: number, fixed: readonly number[] = []): number[] {
  if (k <= 0 || members.length === 0) return [];
  const dist = new Float64Array(members.length).fill(Infinity);
  const chosen: number[] = [];
  const taken = new Set<number>(fixed);
  const relax = (from: number): void => {
    for (let i = 0; i < members.length; i++) {
      const a = members[i];
      const d = (atoms.cx[a] - atoms.cx[from]) ** 2 + (atoms.cy[a] - atoms.cy[from]) ** 2;
      if (d < dist[i]) dist[i] = d;
    }
  };
  for (const f of fixed) relax(f);
  if (fixed.length === 0) {
    const first = nearestMember(atoms, members, centroidOf(atoms, members));
    chosen.push(first);
    taken.add(first);
    relax(first);
  }
  while (chosen.length < k && chosen.length + fixed.length < members.length) {
    let best = -1;
    let bestD = -1;
    for (let i = 0; i < members.length; i++) {
      if (dist[i] > bestD && !taken.has(members[i])) {
        bestD = dist[i];
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(members[best]);
    taken.add(members[best]);
    relax(members[best]);
  }
  return chosen;
}

/** Lloyd relaxation on the graph: grow, move each seed to its region's centre, repeat. */
export function relax(
  atoms: AtomSet,
  members: readonly number[],
  seeds: Seed[],
  iterations: number,
  opts: GrowOptions,
  pinned: ReadonlySet<number> = new Set(),
): number[][] {
  let groups = grow(atoms, members, seeds, opts);
  for (let it = 0; it < iterations; it++) {
    const used = new Set<number>();
    seeds.forEach((s, i) => {
      if (!pinned.has(i) && groups[i].length > 0) s.atom = nearestMember(atoms, groups[i], centroidOf(atoms, groups[i]));
      used.add(s.atom);
    });
    if (used.size !== seeds.length) break;
    groups = grow(atoms, members, seeds, opts);
  }
  return groups;
}

export function centroidOf(atoms: AtomSet, members: readonly number[]): [number, number] {
  let A = 0;
  let x = 0;
  let y = 0;
  for (const a of members) {
    A += atoms.area[a];
    x += atoms.cx[a] * atoms.area[a];
    y += atoms.cy[a] * atoms.area[a];
  }
  return A > 0 ? [x / A, y / A] : [atoms.cx[members[0]], atoms.cy[members[0]]];
}

export function nearestMember(atoms: AtomSet, members: readonly number[], [x, y]: [number, number]): number {
  let best = members[0];
  let bestD = Infinity;
  for (const a of members) {
    const d = (atoms.cx[a] - x) ** 2 + (atoms.cy[a] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

export function areaOf(atoms: AtomSet, members: readonly number[]): number {
  let A = 0;
  for (const a of members) A += atoms.area[a];
  return A;
}

/** A label point inside the region (the label of the atom nearest its centroid), in degrees. */
export function labelPoint(atoms: AtomSet, members: readonly number[]): Position {
  const a = nearestMember(atoms, members, centroidOf(atoms, members));
  const f = atoms.frame;
  return [round6(f.lng0 + atoms.lx[a] / f.kx), round6(f.lat0 + atoms.ly[a] / f.ky)];
}

function round6(v: number): number {
  return Math.round(v * E6) / E6;
}

/**
 * Union of whole atoms: edges shared by two member atoms cancel, the rest are chained into rings.
 * Vertices are the atoms' own E6 integers, so neighbouring regions keep identical shared edges.
 */
export function unionAtoms(atoms: AtomSet, members: readonly number[]): AreaGeometry {
  const nv = atoms.vx.length;
  const open = new Map<number, number>();
  for (const a of members) {
    const start = atoms.ringStart[a];
    const end = atoms.ringStart[a + 1];
    for (let i = start; i < end; i++) {
      const u = atoms.ringVerts[i];
      const v = atoms.ringVerts[i + 1 === end ? start : i + 1];
      const twin = v * nv + u;
      if (open.has(twin)) open.delete(twin);
      else open.set(u * nv + v, 1);
    }
  }
  const out = new Map<number, number[]>();
  for (const key of open.keys()) {
    const u = Math.floor(key / nv);
    const v = key - u * nv;
    let list = out.get(u);
    if (!list) out.set(u, (list = []));
    list.push(v);
  }
  const { vx, vy } = atoms;
  const rings: number[][] = [];
  for (const key of open.keys()) {
    const u0 = Math.floor(key / nv);
    const v0 = key - u0 * nv;
    const l0 = out.get(u0)!;
    const idx0 = l0.indexOf(v0);
    if (idx0 < 0) continue; // already used by an earlier ring
    l0.splice(idx0, 1);
    const ring = [u0];
    let prev = u0;
    let cur = v0;
    for (let guard = 0; guard <= open.size; guard++) {
      const list = out.get(cur) ?? [];
      // At a pinch (two parts of the region touching at one vertex) take the sharpest left turn,
      // which keeps each ring simple instead of tracing a figure eight.
      let pick = -1;
      let bestTurn = -Infinity;
      const inX = vx[cur] - vx[prev];
      const inY = vy[cur] - vy[prev];
      const consider = (w: number, i: number): void => {
        const oX = vx[w] - vx[cur];
        const oY = vy[w] - vy[cur];
        const turn = Math.atan2(inX * oY - inY * oX, inX * oX + inY * oY);
        if (turn > bestTurn) {
          bestTurn = turn;
          pick = i;
        }
      };
      list.forEach((w, i) => consider(w, i));
      if (cur === u0) consider(v0, -2);
      if (pick === -2 || (pick === -1 && cur === u0)) break;
      if (pick === -1) throw new Error('demo union: open boundary');
      ring.push(cur);
      prev = cur;
      cur = list[pick];
      list.splice(pick, 1);
    }
    if (ring.length >= 3) rings.push(ring);
  }
  return ringsToGeometry(vx, vy, rings);
}

function signedArea(vx: Int32Array, vy: Int32Array, ring: readonly number[]): number {
  const ox = vx[ring[0]];
  const oy = vy[ring[0]];
  let a = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    a += (vx[ring[i]] - ox) * (vy[ring[i + 1]] - oy) - (vx[ring[i + 1]] - ox) * (vy[ring[i]] - oy);
  }
  return a / 2;
}

function ringsToGeometry(vx: Int32Array, vy: Int32Array, rings: number[][]): AreaGeometry {
  const outers: { ring: number[]; area: number; holes: number[][] }[] = [];
  const holes: number[][] = [];
  for (const r of rings) {
    const a = signedArea(vx, vy, r);
    if (a > 0) outers.push({ ring: r, area: a, holes: [] });
    else if (a < 0) holes.push(r);
  }
  if (outers.length === 0) throw new Error('demo union: no outer ring');
  outers.sort((p, q) => q.area - p.area);
  for (const h of holes) {
    let home = outers[0];
    if (outers.length > 1) {
      const mx = (vx[h[0]] + vx[h[1]]) / 2;
      const my = (vy[h[0]] + vy[h[1]]) / 2;
      // smallest outer ring containing the hole
      for (let i = outers.length - 1; i >= 0; i--) {
        if (inRing(vx, vy, outers[i].ring, mx, my)) {
          home = outers[i];
          break;
        }
      }
    }
    home.holes.push(h);
  }
  const toCoords = (r: number[]): Position[] => {
    const c: Position[] = r.map((v) => [vx[v] / E6, vy[v] / E6]);
    c.push(c[0]);
    return c;
  };
  const polys = outers.map((o) => [toCoords(o.ring), ...o.holes.map(toCoords)]);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

function inRing(vx: Int32Array, vy: Int32Array, ring: readonly number[], X: number, Y: number): boolean {
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

/** Binary min-heap of (cost, atom, seed) triples in parallel arrays. */
class MinHeap {
  private costs: number[] = [];
  private atomsArr: number[] = [];
  private seeds: number[] = [];
  get size(): number {
    return this.costs.length;
  }
  topCost(): number {
    return this.costs[0];
  }
  topAtom(): number {
    return this.atomsArr[0];
  }
  topSeed(): number {
    return this.seeds[0];
  }
  push(c: number, a: number, s: number): void {
    const { costs, atomsArr, seeds } = this;
    let i = costs.length;
    costs.push(c);
    atomsArr.push(a);
    seeds.push(s);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (costs[p] < c || (costs[p] === c && atomsArr[p] <= a)) break;
      costs[i] = costs[p];
      atomsArr[i] = atomsArr[p];
      seeds[i] = seeds[p];
      i = p;
    }
    costs[i] = c;
    atomsArr[i] = a;
    seeds[i] = s;
  }
  pop(): void {
    const { costs, atomsArr, seeds } = this;
    const c = costs.pop()!;
    const a = atomsArr.pop()!;
    const s = seeds.pop()!;
    const n = costs.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && (costs[r] < costs[l] || (costs[r] === costs[l] && atomsArr[r] < atomsArr[l]))) m = r;
      if (costs[m] > c || (costs[m] === c && atomsArr[m] >= a)) break;
      costs[i] = costs[m];
      atomsArr[i] = atomsArr[m];
      seeds[i] = seeds[m];
      i = m;
    }
    costs[i] = c;
    atomsArr[i] = a;
    seeds[i] = s;
  }
}
