import type { AtomSet } from './atoms';
import { E6, type Frame, insideOutline, kmToE6, lngLatToKm, type Outline } from './plane';
import type { Rng } from './random';
import type { DemoCounty, DemoDivision } from './types';

/**
 * County-level layout for partition.ts: where the seat is, where township seeds go, how large each
 * township-level unit is, and the management area's outline.
 */

export interface ManagementAreaShape {
  /** WGS-84 centre of the synthetic outline */
  centre: [number, number];
  /** semi-axes, km (east–west, north–south) */
  semiAxesKm: [number, number];
  grids: number;
}

/** Relative size of a township-level unit. */
export function townshipFactor(t: DemoDivision): number {
  if (t.kind === 'town' || t.kind === 'township') return 1;
  if (t.kind === 'street') return 0.05;
  const n = t.name;
  if (n.includes('林业局')) return 4;
  if (n.includes('农场')) return 2;
  if (n.includes('林场')) return 1.2;
  if (n.includes('管理局局直') || n.includes('管理委员会')) return 0.6;
  // Prisons and mines are compact settlements (their one unit is a "virtual community").
  if (/监狱|劳教所|煤矿|铜矿/.test(n)) return 0.04;
  return 0.2; // breeding/seed farms, dairy farms, timber yards
}

/** Points of a square lattice (km) inside the outline: township seed candidates and a rough area measure. */
export function lattice(o: Outline, f: Frame, step: number): [number, number][] {
  const pts: [number, number][] = [];
  const x0 = (o.minX / E6 - f.lng0) * f.kx;
  const x1 = (o.maxX / E6 - f.lng0) * f.kx;
  const y0 = (o.minY / E6 - f.lat0) * f.ky;
  const y1 = (o.maxY / E6 - f.lat0) * f.ky;
  for (let y = y0 + step / 2; y < y1; y += step) {
    for (let x = x0 + step / 2; x < x1; x += step) {
      const [X, Y] = kmToE6(f, x, y);
      if (insideOutline(o, X, Y)) pts.push([x, y]);
    }
  }
  return pts;
}

/** The seat in km: the given one when it lies inside the outline, else the lattice point nearest to it or to the centre. */
export function seatPoint(county: DemoCounty, o: Outline, f: Frame, candidates: [number, number][]): [number, number] {
  if (county.seat) {
    const [X, Y] = [county.seat[0] * E6, county.seat[1] * E6];
    if (insideOutline(o, X, Y)) return lngLatToKm(f, county.seat);
  }
  const cx = candidates.reduce((s, p) => s + p[0], 0) / candidates.length;
  const cy = candidates.reduce((s, p) => s + p[1], 0) / candidates.length;
  const target: [number, number] = county.seat ? lngLatToKm(f, county.seat) : [cx, cy];
  let best = candidates[0];
  let bestD = Infinity;
  for (const p of candidates) {
    const d = Math.hypot(p[0] - target[0], p[1] - target[1]);
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

/** Farthest-point sampling from the seat, then a few rounds of weighted Lloyd on the lattice points. */
export function placeTownshipSeeds(
  pool: [number, number][],
  movable: DemoDivision[],
  points: Map<string, [number, number]>,
  weights: Map<string, number>,
  seat: [number, number],
  rng: Rng,
): void {
  if (movable.length === 0) return;
  const fixed = [...points.entries()].map(([c, p]) => ({ p, w: weights.get(c)! }));
  const dist = pool.map(([x, y]) => Math.hypot(x - seat[0], y - seat[1]));
  const pos: [number, number][] = [];
  for (let i = 0; i < movable.length; i++) {
    let best = 0;
    for (let j = 1; j < pool.length; j++) if (dist[j] > dist[best]) best = j;
    const p = pool[best];
    pos.push(p);
    for (let j = 0; j < pool.length; j++) dist[j] = Math.min(dist[j], Math.hypot(pool[j][0] - p[0], pool[j][1] - p[1]));
  }
  const w = movable.map((t) => weights.get(t.code)!);
  for (let it = 0; it < 6; it++) {
    const sx = new Float64Array(pos.length);
    const sy = new Float64Array(pos.length);
    const n = new Float64Array(pos.length);
    for (const [x, y] of pool) {
      let best = -1;
      let bestC = Infinity;
      for (const f of fixed) if (Math.hypot(x - f.p[0], y - f.p[1]) / f.w < bestC) bestC = Math.hypot(x - f.p[0], y - f.p[1]) / f.w;
      for (let i = 0; i < pos.length; i++) {
        const c = Math.hypot(x - pos[i][0], y - pos[i][1]) / w[i];
        if (c < bestC) {
          bestC = c;
          best = i;
        }
      }
      if (best < 0) continue;
      sx[best] += x;
      sy[best] += y;
      n[best]++;
    }
    for (let i = 0; i < pos.length; i++) {
      if (n[i] === 0) continue;
      const target: [number, number] = [sx[i] / n[i], sy[i] / n[i]];
      let bp = pos[i];
      let bd = Infinity;
      for (const p of pool) {
        const d = (p[0] - target[0]) ** 2 + (p[1] - target[1]) ** 2;
        if (d < bd) {
          bd = d;
          bp = p;
        }
      }
      pos[i] = bp;
    }
  }
  // Small jitter off the lattice so seeds do not line up.
  movable.forEach((t, i) => points.set(t.code, [pos[i][0] + rng.range(-0.6, 0.6), pos[i][1] + rng.range(-0.6, 0.6)]));
}

/** The member atom nearest to a point that is not a seed yet. */
export function nearestFree(atoms: AtomSet, members: readonly number[], [x, y]: [number, number], taken: Set<number>): number {
  let best = -1;
  let bestD = Infinity;
  for (const a of members) {
    if (taken.has(a)) continue;
    const d = (atoms.cx[a] - x) ** 2 + (atoms.cy[a] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  if (best < 0) throw new Error('demo: more townships than atoms');
  return best;
}

/** A wobbly ellipse (km frame) standing in for the scenic area's outline. */
export function blob(f: Frame, m: ManagementAreaShape, rng: Rng): (x: number, y: number) => boolean {
  const [cx, cy] = lngLatToKm(f, m.centre);
  const [a, b] = m.semiAxesKm;
  const p1 = rng.range(0, 2 * Math.PI);
  const p2 = rng.range(0, 2 * Math.PI);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const rho = Math.hypot(dx / a, dy / b);
    const theta = Math.atan2(dy, dx);
    return rho < 1 + 0.1 * Math.sin(3 * theta + p1) + 0.06 * Math.sin(5 * theta + p2);
  };
}
