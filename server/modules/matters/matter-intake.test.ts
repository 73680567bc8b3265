import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { workerGrid } from '../../../test/support/matter-fixtures';
import { createMatterWriter } from './matter-writer';

/**
 * Intake's writes over HTTP on the seeded demo: one matter per client key, also sent at once, and
 * reports arriving together written by one statement (the matter writer) without gaps in the numbers.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
let place: { gridCode: string; lng: number; lat: number };
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['changhai-wgy', 'aihui']) cookies[u] = await t.login(u);
  place = await workerGrid(t);
});
afterAll(async () => t?.close());

const HEAT_COVER = '100106'; // 热力井盖破损或缺失: 供热, 16 working hours, verified on site, fed back
const as = (user: string) => ({
  post: (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user] }, payload }),
});
const counts = async () => {
  const r = await sql<{ m: number; e: number; j: number }>`select (select count(*) from matters)::int as m, (select count(*) from matter_events)::int as e, (select count(*) from jobs)::int as j`.execute(t.db);
  return r.rows[0];
};

describe('one matter per client key', () => {
  it('creates one matter when the same report is sent twice at once', async () => {
    const body = { clientKey: 'phone-draft-0001', typeCode: HEAT_COVER, description: '离线草稿重发', location: { lng: place.lng, lat: place.lat, source: 'gps' } };
    const [a, b] = await Promise.all([as('changhai-wgy').post('/api/matters', body), as('changhai-wgy').post('/api/matters', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(json(a).matter.id).toBe(json(b).matter.id);
    const c = await as('changhai-wgy').post('/api/matters', body);
    expect(c.statusCode).toBe(200);
    expect((await t.db.selectFrom('matters').select('id').where('client_key', '=', 'phone-draft-0001').execute()).length).toBe(1);
  });

  it('writes many reports sent at once together, each with its jobs and first event, leaving no gap in the numbers', async () => {
    const before = await counts();
    const keys = Array.from({ length: 16 }, (_, i) => `hotline-burst-${i}`);
    const body = (k: string) => ({ clientKey: k, source: 'hotline', typeCode: HEAT_COVER, description: '12345 来电：热力井盖破损', location: { lng: place.lng, lat: place.lat, source: 'map' }, reporter: { name: '王女士', phone: '13900001234' } });
    // Every fourth key is sent twice.
    const sent = [...keys, ...keys.filter((_, i) => i % 4 === 0)];
    const answers = await Promise.all(sent.map((k) => as('aihui').post('/api/matters', body(k))));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(16);
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(4);
    const after = await counts();
    expect(after.m - before.m).toBe(16);
    expect(after.e - before.e).toBe(16);
    expect(after.j - before.j).toBe(32); // a yellow warning and an overdue job each
    // The numbers the repeats had taken go to the next reports: after four more, no number is missing.
    const more = keys.slice(0, 4).map((k) => `${k}-next`);
    for (const k of more) expect((await as('aihui').post('/api/matters', body(k))).statusCode).toBe(201);
    const numbers = (await t.db.selectFrom('matters').select('number').where('client_key', 'in', [...keys, ...more]).execute()).map((m) => Number(m.number.slice(-5))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => numbers[0] + i));
  });

  it('writes the good matters of a batch when one of them fails, and fails only that one', async () => {
    const m = await t.db.selectFrom('matters').selectAll().where('client_key', '=', 'hotline-burst-1').executeTakeFirstOrThrow();
    const ev = await t.db.selectFrom('matter_events').selectAll().where('matter_id', '=', m.id).executeTakeFirstOrThrow();
    const item = (n: number, division = m.division_code) => {
      const id = `${m.id.slice(0, -4)}${String(9000 + n)}`;
      return {
        row: { ...m, id, number: `${m.number}-${n}`, tracking_code: `${m.tracking_code}${n}`, client_key: `batch-${n}`, division_code: division, flow: JSON.stringify(m.flow) },
        jobs: [],
        event: { ...ev, id: `${ev.id.slice(0, -4)}${String(9000 + n)}`, matter_id: id, data: JSON.stringify(ev.data) },
      };
    };
    const writer = createMatterWriter(t.db);
    const out = await Promise.allSettled([writer.write(item(1)), writer.write(item(2, '999999999999')), writer.write(item(3))]);
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await t.db.selectFrom('matters').select('client_key').where('client_key', 'like', 'batch-%').orderBy('client_key').execute()).map((r) => r.client_key)).toEqual(['batch-1', 'batch-3']);
  });
});
