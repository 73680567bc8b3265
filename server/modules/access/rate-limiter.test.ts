import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { ManualClock } from '../../lib/clock';
import { openTestDatabase } from '../../../test/support/test-db';
import { createRateLimiter, leaseSize } from './rate-limiter';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h?.close();
});

const MINUTE = 60_000;
const stored = (bucket: string) => h.db.selectFrom('rate_limits').select(['hits']).where('bucket', '=', bucket).executeTakeFirst();

describe('rate limits taken from the database in leases', () => {
  it('admits exactly the limit in one process, asking the database once a lease, also when hit many at once', async () => {
    const clock = new ManualClock(new Date('2026-03-02T09:00:00+08:00'));
    const limiter = createRateLimiter({ db: h.db, clock });
    const got = await Promise.all(Array.from({ length: 75 }, () => limiter.hit('t1', 60, MINUTE)));
    expect(got.filter((d) => d.ok)).toHaveLength(60);
    // 60 admitted in ten leases of 6; the tenth fills the window, so the rest are refused from memory.
    expect((await stored('t1'))?.hits).toBe(60);
    const refused = got.find((d) => !d.ok)!;
    expect(refused.retryS).toBe(60);
    // Refused from memory until the window ends; the next window admits again.
    clock.advance(30_000);
    expect(await limiter.hit('t1', 60, MINUTE)).toEqual({ ok: false, retryS: 30 });
    expect((await stored('t1'))?.hits).toBe(60);
    clock.advance(30_000);
    expect((await limiter.hit('t1', 60, MINUTE)).ok).toBe(true);
    expect((await stored('t1'))?.hits).toBe(6);
  });

  it('never admits more than the limit across processes, and refuses at most (processes − 1) × (lease − 1) early', async () => {
    const clock = new ManualClock(new Date('2026-03-02T10:00:00+08:00'));
    const processes = [0, 1, 2].map(() => createRateLimiter({ db: h.db, clock }));
    const got = await Promise.all(Array.from({ length: 90 }, (_, i) => processes[i % 3].hit('t2', 60, MINUTE)));
    const ok = got.filter((d) => d.ok).length;
    expect(ok).toBeLessThanOrEqual(60);
    expect(ok).toBeGreaterThanOrEqual(60 - 2 * (leaseSize(60) - 1));
    // A limit below ten is counted hit by hit, exact across processes.
    const small = await Promise.all(Array.from({ length: 12 }, (_, i) => processes[i % 3].hit('t3', 5, MINUTE)));
    expect(small.filter((d) => d.ok)).toHaveLength(5);
  });
});
