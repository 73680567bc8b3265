import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { workerGrid } from '../../../test/support/matter-fixtures';

/** What the dispatcher desk and the unit's inbox read besides the list: the counts per state, in one call. */
let t: TestApp;
const cookies: Record<string, string> = {};
let place: { gridCode: string; lng: number; lat: number };
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['changhai-wgy', 'changhai', 'huayuan', 'aihui-gr', 'xunke']) cookies[u] = await t.login(u);
  place = await workerGrid(t);
});
afterAll(async () => t?.close());

const get = (user: string, url: string) => t.app.inject({ url, headers: { cookie: cookies[user] } });
const post = (user: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user] }, payload });
async function report(description: string) {
  const r = await post('changhai-wgy', '/api/matters', { typeCode: '100106', description, location: { lng: place.lng, lat: place.lat, source: 'gps' } });
  expect(r.statusCode, r.body).toBe(201);
  return json(r).matter.id as string;
}
const counts = async (user: string, query = '') => {
  const r = await get(user, `/api/matters/counts${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return json(r) as { byState: Record<string, number>; mineByState: Record<string, number> };
};

describe('GET /api/matters/counts', () => {
  it('counts each state in scope and in my queue, as the lists of the same filters do', async () => {
    const before = await counts('changhai');
    const a = await report('长海小区1号楼前热力井盖破损');
    const b = await report('长海小区2号楼前热力井盖松动');
    const c1 = await counts('changhai');
    expect(c1.byState.pending).toBe(before.byState.pending + 2);
    expect(c1.mineByState.pending).toBe(before.mineByState.pending + 2);
    expect(Object.keys(c1.byState).sort()).toEqual(['closed', 'dispatched', 'feedback', 'handling', 'parked', 'pending', 'verifying', 'voided']);

    const r = await post('changhai', `/api/matters/${a}/actions`, { action: 'escalate', reason: '需街道协调' });
    expect(r.statusCode, r.body).toBe(200);
    const c2 = await counts('changhai');
    expect(c2.byState.pending).toBe(c1.byState.pending);
    expect(c2.mineByState.pending).toBe(c1.mineByState.pending - 1);
    const street = await counts('huayuan');
    expect(street.mineByState.pending).toBe(json(await get('huayuan', '/api/matters?queue=mine&state=pending')).total);

    // The unit counts only what was sent to it; its queue is what it holds now.
    const gr0 = await counts('aihui-gr');
    expect((await post('changhai', `/api/matters/${b}/actions`, { action: 'dispatch', orgCode: '231102000000-gr' })).statusCode).toBe(200);
    const gr1 = await counts('aihui-gr');
    expect(gr1.byState.dispatched).toBe(gr0.byState.dispatched + 1);
    expect(gr1.mineByState.dispatched).toBe(gr0.mineByState.dispatched + 1);
    expect(gr1.byState.pending).toBe(0);

    // The filters are the list's: a search narrows the counts, another county's centre sees none of these.
    const found = await counts('changhai', `?q=${encodeURIComponent('2号楼前热力井盖松动')}`);
    expect(found.byState).toMatchObject({ dispatched: 1, pending: 0 });
    expect((await counts('xunke', `?q=${encodeURIComponent('长海小区')}`)).byState.pending).toBe(0);
  });

  it('puts a request in the queue of the level that approves it, and takes it out once decided', async () => {
    const id = await report('长海小区8号楼热力井盖下沉');
    const mine = async (user: string) => (json(await get(user, '/api/matters?queue=mine&state=open')).items as { id: string }[]).map((x) => x.id);
    expect((await post('changhai', `/api/matters/${id}/actions`, { action: 'dispatch', orgCode: '231102000000-gr' })).statusCode).toBe(200);
    expect((await post('aihui-gr', `/api/matters/${id}/actions`, { action: 'accept' })).statusCode).toBe(200);
    expect(await mine('changhai')).not.toContain(id);
    const before = await counts('changhai');
    const asked = await post('aihui-gr', `/api/matters/${id}/actions`, { action: 'request', kind: 'extension', reason: '需采购特制井盖', extraHours: 16 });
    expect(asked.statusCode, asked.body).toBe(200);
    // The community dispatched it, so the community approves: it waits in its queue, not the street's.
    expect(await mine('changhai')).toContain(id);
    expect(await mine('huayuan')).not.toContain(id);
    expect((await counts('changhai')).mineByState.handling).toBe(before.mineByState.handling + 1);
    expect((await post('changhai', `/api/matters/${id}/actions`, { action: 'decide_request', approved: true, reason: '同意延期两个工作日' })).statusCode).toBe(200);
    expect(await mine('changhai')).not.toContain(id);
  });

  it('refuses a division outside the scope and bad filters in Chinese', async () => {
    const out = await get('changhai', '/api/matters/counts?within=231121000000');
    expect(out.statusCode).toBe(403);
    expect(json(out).error.message).toMatch(/不在您的管辖范围内/);
    const bad = await get('changhai', '/api/matters/counts?mark=green');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.message).toMatch(/标记/);
  });
});
