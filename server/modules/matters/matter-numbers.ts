import type { Database } from '../../db/client';
import { mattersRepo } from './matters.repo';

/** How many numbers of a county's day one process takes from the database at a time. */
export const NUMBER_BLOCK = 20;

export interface MatterNumbers {
  /** The next number of the county's day (1, 2, …), unique across every process on the database. */
  next(countyCode: string, day: string): Promise<number>;
  /** Puts back a number taken for an intake that wrote nothing, for the next intake of that county's day. */
  giveBack(countyCode: string, day: string, n: number): void;
  /** Gives back what is left of each block, where no process has taken numbers after it. */
  close(): Promise<void>;
}

/**
 * Matter numbers (`231102` + `20261207` + `00042`) reserved from the county's day counter in blocks:
 * one counter update per block instead of one per report, so concurrent intakes do not each wait
 * for the counter row. Several processes take different blocks, so numbers stay unique but are
 * only roughly in order of time across processes. A number taken for an intake that then wrote
 * nothing (a repeated client key, a refused photo) is given back for the next intake; a process
 * killed with numbers left leaves a gap.
 */
export function createMatterNumbers(db: Database, block = NUMBER_BLOCK): MatterNumbers {
  const open = new Map<string, { next: number; last: number; countyCode: string; day: string }>();
  const reserving = new Map<string, Promise<void>>();
  const spare = new Map<string, number[]>();

  async function reserve(key: string, countyCode: string, day: string) {
    const last = await mattersRepo.reserveSeq(db, countyCode, day, block);
    open.set(key, { next: last - block + 1, last, countyCode, day });
    // Blocks and numbers given back of earlier days are of no further use.
    for (const [k, b] of open) if (b.day !== day && b.countyCode === countyCode) open.delete(k);
    for (const k of spare.keys()) if (k.startsWith(`${countyCode}|`) && k !== key) spare.delete(k);
  }

  return {
    async next(countyCode, day) {
      const key = `${countyCode}|${day}`;
      const back = spare.get(key);
      if (back?.length) return back.shift()!;
      for (;;) {
        const b = open.get(key);
        if (b && b.next <= b.last) return b.next++;
        // One reservation at a time per county and day; the others wait for it and take from it.
        let pending = reserving.get(key);
        if (!pending) {
          pending = reserve(key, countyCode, day).finally(() => reserving.delete(key));
          reserving.set(key, pending);
        }
        await pending;
      }
    },
    giveBack(countyCode, day, n) {
      const key = `${countyCode}|${day}`;
      const back = spare.get(key) ?? [];
      back.push(n);
      back.sort((a, b) => a - b);
      spare.set(key, back);
    },
    async close() {
      await Promise.allSettled(reserving.values());
      const left = [...open.values()].filter((b) => b.next <= b.last);
      open.clear();
      spare.clear();
      for (const b of left) await mattersRepo.returnSeq(db, b.countyCode, b.day, b.next, b.last);
    },
  };
}
