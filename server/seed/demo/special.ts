import type { AtomSet } from './atoms';
import { type ExclusiveSpec, exclusiveSpecs } from './names';
import { type CountyPlan, splitEvenly, type VillagePlan } from './partition';
import { createRng, subSeed } from './random';
import { grow } from './regions';

/**
 * Exclusive grids (Art. 7 para. 3) and micro-grids (Art. 20), both cut out of urban grids in the county
 * seat. Cutting whole atoms out of the host keeps the partition exact: the host simply loses them.
 */

export interface ExclusiveCut {
  village: VillagePlan;
  atoms: number[];
  spec: ExclusiveSpec;
}

export interface MicroCut {
  village: VillagePlan;
  /** index into village.grids */
  grid: number;
  parts: number[][];
}

export function carveExclusive(atoms: AtomSet, plan: CountyPlan, count: number, prefix: string, seed: number): ExclusiveCut[] {
  const rng = createRng(subSeed(seed, plan.code, 'exclusive'));
  const specs = exclusiveSpecs(prefix, count, rng);
  const villages = rng.shuffle(
    plan.townships.filter((t) => t.seat).flatMap((t) => t.villages.filter((v) => v.style === 'seat_community')),
  );
  const cuts: ExclusiveCut[] = [];
  const used = new Set<number[]>();
  for (let round = 0; cuts.length < specs.length && round < 4; round++) {
    for (const v of villages) {
      if (cuts.length >= specs.length) break;
      const hosts = v.grids.map((_, i) => i).filter((i) => v.grids[i].length >= 10 && !used.has(v.grids[i]));
      if (hosts.length === 0) continue;
      const h = rng.pick(hosts);
      const host = v.grids[h];
      const unitSeed = rng.pick(host);
      let far = host[0];
      let farD = -1;
      for (const a of host) {
        const d = Math.hypot(atoms.cx[a] - atoms.cx[unitSeed], atoms.cy[a] - atoms.cy[unitSeed]);
        if (d > farD) {
          farD = d;
          far = a;
        }
      }
      // A lighter seed grows less: the unit takes roughly a third of its host.
      const [unit, rest] = grow(
        atoms,
        host,
        [
          { atom: unitSeed, weight: 0.55 },
          { atom: far, weight: 1 },
        ],
        { noise: subSeed(seed, v.division.code, 'exclusive', h) },
      );
      v.grids[h] = rest;
      used.add(rest);
      cuts.push({ village: v, atoms: unit, spec: specs[cuts.length] });
    }
  }
  return cuts;
}

/** About 60 % of the seat's larger urban grids get 2–4 micro-grids each. */
export function splitMicro(atoms: AtomSet, plan: CountyPlan, seed: number): MicroCut[] {
  const cuts: MicroCut[] = [];
  for (const t of plan.townships) {
    if (!t.seat) continue;
    for (const v of t.villages) {
      if (v.style !== 'seat_community') continue;
      const rng = createRng(subSeed(seed, v.division.code, 'micro'));
      v.grids.forEach((g, i) => {
        const chosen = rng.next() < 0.6;
        const n = rng.int(2, 4);
        if (!chosen || g.length < 8) return;
        const k = Math.min(n, Math.floor(g.length / 3));
        if (k < 2) return;
        const parts = splitEvenly(atoms, g, k, subSeed(seed, v.division.code, 'micro', i));
        if (parts.length >= 2) cuts.push({ village: v, grid: i, parts });
      });
    }
  }
  return cuts;
}
