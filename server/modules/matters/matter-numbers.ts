import type { Database } from '../../db/client';
import { mattersRepo } from './matters.repo';

/** How many numbers of a county's day one process takes from the database at a time. */
export const NUMBER_BLOCK = 20;

export interface MatterNumbers {
  /** The next number of the county's day (1, 2, …), unique across every process on the database. */
  next(countyCode: string, day: string): Promise<number>;
  /** Gives back what is left of each block, where no process has taken numbers after it. */
  close(): Promise<void>;
}

/**
 * Matter numbers (`231102` + `20261207` + `00042`) reserved from the county's day counter in blocks:
 * one counter update per block instead of one per report, so concurrent intakes do not each wait
 * for the counter row. Several processes take different blocks, so numbers stay unique but are
 * only roughly in order of time across processes; a process killed with numbers left leaves a gap,
 * as a failed intake always has.
 */
export function createMatterNumbers(db: Database, block = NUMBER_BLOCK): MatterNumbers {
  const open = new Map<string, { next: number; last: number; countyCode: string; day: string }>();
  const reserving = new Map<string, Promise<void>>();

  async function reserve(key: string, countyCode: string, day: string) {
    const last = await mattersRepo.reserveSeq(db, countyCode, day, block);
    open.set(key, { next: last - block + 1, last, countyCode, day });
    // Blocks of earlier days are of no further use.
    for (const [k, b] of open) if (b.day !== day && b.countyCode === countyCode) open.delete(k);
  }

  return {
    async next(countyCode, day) {
      const key = `${countyCode}|${day}`;
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
    async close() {
      await Promise.allSettled(reserving.values());
      const left = [...open.values()].filter((b) => b.next <= b.last);
      open.clear();
      for (const b of left) await mattersRepo.returnSeq(db, b.countyCode, b.day, b.next, b.last);
    },
  };
}
