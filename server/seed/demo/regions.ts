import type { Position } from '../../../common/geo/types';
import type { AtomSet } from './atoms';
import { E6 } from './plane';
import { hashPair } from './random';

/**
 * Splitting a set of atoms into regions.
 * (Turning a region back into a polygon is in union.ts.)
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
