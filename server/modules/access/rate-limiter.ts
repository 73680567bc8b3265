import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { rateLimitsRepo } from './rate-limits.repo';

export interface RateDecision {
  ok: boolean;
  /** Seconds until the bucket's window ends (for the retry-after of a refusal). */
  retryS: number;
}

interface Lease {
  windowStart: number;
  windowEnd: number;
  /** Hits this process may still admit in the window without asking the database. */
  left: number;
  /** The database said the window is used up: refuse until it ends (counts never fall within a window). */
  full: boolean;
}

/** The share of a limit one process takes from the database at a time. */
export function leaseSize(max: number): number {
  return Math.max(1, Math.ceil(max / 10));
}

/**
 * Fixed-window limits counted in the database, so that they hold across every app process and
 * survive a restart. A process takes hits from a bucket's window in leases (a tenth of the limit)
 * and admits them from memory, so most requests cost no statement. The database never admits
 * more than the limit in a window: a process only admits what it was granted. With several
 * processes a client may be refused up to (processes − 1) × (lease − 1) hits early, when other
 * processes hold unused parts of their leases; with one process the limit is exact.
 */
export function createRateLimiter(deps: { db: Database; clock: Clock }) {
  const leases = new Map<string, Lease>();
  const asking = new Map<string, Promise<void>>();
  let sinceSweep = 0;

  async function ask(bucket: string, max: number, windowMs: number) {
    const k = leaseSize(max);
    const { hits, windowStart } = await rateLimitsRepo.hit(deps.db, bucket, deps.clock.now(), windowMs, k);
    // The counter grew by k; what of it lies within the limit is this process's to admit.
    const granted = Math.min(k, Math.max(0, max - (hits - k)));
    const start = windowStart.getTime();
    const held = leases.get(bucket);
    const carried = held && held.windowStart === start ? held.left : 0;
    leases.set(bucket, { windowStart: start, windowEnd: start + windowMs, left: carried + granted, full: granted < k || hits >= max });
  }

  const decide = (ok: boolean, l: Lease, now: number): RateDecision => ({ ok, retryS: Math.max(1, Math.ceil((l.windowEnd - now) / 1000)) });

  function sweep(now: number) {
    for (const [b, l] of leases) if (l.windowEnd <= now) leases.delete(b);
  }

  return {
    /** Counts one hit of the bucket; `ok` false when the window's limit is reached. */
    async hit(bucket: string, max: number, windowMs: number): Promise<RateDecision> {
      for (;;) {
        const now = deps.clock.now().getTime();
        if (++sinceSweep >= 10_000) {
          sinceSweep = 0;
          sweep(now);
        }
        const l = leases.get(bucket);
        if (l && l.windowEnd > now) {
          if (l.left > 0) {
            l.left--;
            return decide(true, l, now);
          }
          if (l.full) return decide(false, l, now);
        }
        // One request to the database per bucket at a time; the others wait and take from its lease.
        let pending = asking.get(bucket);
        if (!pending) {
          pending = ask(bucket, max, windowMs).finally(() => asking.delete(bucket));
          asking.set(bucket, pending);
        }
        await pending;
        const after = leases.get(bucket);
        if (after && after.left === 0 && after.full) return decide(false, after, now);
      }
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
