import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { openTestDatabase } from '../../../test/support/test-db';
import { createMatterNumbers } from './matter-numbers';

const AIHUI = '231102000000';
let h: DbHandle;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h?.close();
});

const counter = (day: string) => h.db.selectFrom('matter_counters').select('last').where('county_code', '=', AIHUI).where('day', '=', day).executeTakeFirst();

describe('matter numbers reserved in blocks', () => {
  it('numbers a county’s day 1, 2, 3 … with one counter update per block, also when asked many at once', async () => {
    const numbers = createMatterNumbers(h.db, 5);
    const got = await Promise.all(Array.from({ length: 12 }, () => numbers.next(AIHUI, '2026-03-02')));
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await counter('2026-03-02'))?.last).toBe(15);
    // A new day starts again at 1.
    expect(await numbers.next(AIHUI, '2026-03-03')).toBe(1);
    await numbers.close();
  });

  it('never gives two processes the same number, and gives back an unused tail only when nobody reserved after it', async () => {
    const a = createMatterNumbers(h.db, 10);
    const b = createMatterNumbers(h.db, 10);
    const day = '2026-03-04';
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).next(AIHUI, day)));
    expect(new Set(got).size).toBe(20);
    expect((await counter(day))?.last).toBe(20);
    // Each took a block of ten and used it up; a reserves 21–30 and uses 21.
    expect(await a.next(AIHUI, day)).toBe(21);
    await b.close(); // nothing left of b's block
    expect((await counter(day))?.last).toBe(30);
    await a.close(); // 22–30 go back: nobody reserved after them
    expect((await counter(day))?.last).toBe(21);
    const c = createMatterNumbers(h.db, 10);
    expect(await c.next(AIHUI, day)).toBe(22);
    await c.close();
  });

  it('hands a number given back to the next intake of that county’s day, so a repeated client key leaves no gap', async () => {
    const numbers = createMatterNumbers(h.db, 5);
    const day = '2026-03-05';
    expect([await numbers.next(AIHUI, day), await numbers.next(AIHUI, day)]).toEqual([1, 2]);
    numbers.giveBack(AIHUI, day, 2);
    expect(await numbers.next(AIHUI, day)).toBe(2);
    expect(await numbers.next(AIHUI, day)).toBe(3);
    // Numbers given back for an earlier day are dropped when the next day's block is taken.
    numbers.giveBack(AIHUI, day, 3);
    expect(await numbers.next(AIHUI, '2026-03-06')).toBe(1);
    expect(await numbers.next(AIHUI, day)).toBe(6);
    await numbers.close();
  });
});
