import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPointOf } from '../../../common/geo/measure';
import type { AreaGeometry } from '../../../common/geo/types';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
let aihui: string;
let beian: string;
let street: string;
beforeAll(async () => {
  t = await createTestApp();
  [aihui, beian, street] = [await t.login('aihui'), await t.login('beian'), await t.login('huayuan')];
});
afterAll(async () => t?.close());

const get = (url: string, cookie = aihui) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, payload: unknown, cookie = aihui) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
type Feature = { properties: { code: string; name: string; divisionCode: string; countyCode: string }; geometry: AreaGeometry };
const gridsOf = async (division: string, cookie = aihui) => json(await get(`/api/grids?within=${division}&format=geojson`, cookie)).features as Feature[];

describe('the registry, as its users found it', () => {
  it('keeps a street centre inside its own street: moving a grid into another township is an error', async () => {
    const [own] = await gridsOf('231102001000'); // 花园街道
    const [elsewhere] = await gridsOf('231102004000'); // another township of 爱辉区
    const r = json(await post('/api/grid-changes/validate', { kind: 'redraw', gridCode: own.properties.code, reason: '把网格挪到别的街道', grid: { boundary: elsewhere.geometry } }, street));
    expect(r.ok).toBe(false);
    const outside = r.errors.find((e: { code: string }) => e.code === 'outside_container');
    expect(outside?.message).toContain('花园街道');
    // The county centre may draw across townships (it gets the overlap, not a street error).
    const county = json(await post('/api/grid-changes/validate', { kind: 'redraw', gridCode: own.properties.code, reason: '县级中心跨街道调整', grid: { boundary: elsewhere.geometry } }));
    expect(county.errors.some((e: { message: string }) => e.message.includes('花园街道'))).toBe(false);
  });

  it("shows a grid's change reason and author only to those who may read the change", async () => {
    const [g] = await gridsOf('231102001000');
    const applied = json(await post('/api/grid-changes', { kind: 'redraw', gridCode: g.properties.code, reason: '更正户数（县内可见）', grid: { households: 333 }, apply: true }));
    const mine = json(await get(`/api/grids/${g.properties.code}`)).history[0];
    expect(mine).toMatchObject({ reason: '更正户数（县内可见）', changeId: applied.change.id });
    expect(mine.author).toBeTruthy();
    // Another county sees the registry (Art. 9) but neither the change nor its reason and author.
    expect((await get(`/api/grid-changes/${applied.change.id}`, beian)).statusCode).toBe(403);
    const theirs = json(await get(`/api/grids/${g.properties.code}`, beian));
    expect(theirs.grid.households).toBe(333);
    expect(theirs.history[0]).toMatchObject({ reason: null, author: null, changeId: null, version: 2 });
    expect(JSON.stringify(theirs)).not.toContain('县内可见');
  });

  it('lists retired grids, and filters by status at a past moment', async () => {
    const grids = await gridsOf('231102002000');
    const g = grids[0];
    const before = t.clock.now().toISOString();
    t.clock.advance(60_000);
    const r = await post('/api/grid-changes', { kind: 'retire', gridCode: g.properties.code, reason: '整体拆迁，撤销网格', apply: true });
    expect(r.statusCode, r.body).toBe(201);
    t.clock.advance(60_000);
    const after = t.clock.now().toISOString();
    const codes = async (q: string) => (json(await get(`/api/grids?within=231102002000&${q}`)).items as { code: string; status: string }[]).map((x) => x.code);
    expect(await codes('status=retired')).toContain(g.properties.code);
    expect(await codes('status=active')).not.toContain(g.properties.code);
    expect((await codes('status=all')).length).toBe(grids.length);
    expect(await codes(`status=retired&asOf=${encodeURIComponent(before)}`)).not.toContain(g.properties.code);
    expect(await codes(`status=active&asOf=${encodeURIComponent(before)}`)).toContain(g.properties.code);
    expect(await codes(`status=retired&asOf=${encodeURIComponent(after)}`)).toContain(g.properties.code);
    expect(await codes(`status=active&asOf=${encodeURIComponent(after)}`)).not.toContain(g.properties.code);
    const retired = json(await get(`/api/grids?within=231102002000&status=retired`)).items.find((x: { code: string }) => x.code === g.properties.code);
    expect(retired).toMatchObject({ status: 'retired', name: g.properties.name });
  });

  it('names the administrative county of a point in the 五大连池风景名胜区', async () => {
    const city = await t.login('city');
    const [g] = await gridsOf('231171000000', city);
    expect(g, 'demo grids in the scenic area').toBeTruthy();
    const [lng, lat] = labelPointOf(g.geometry);
    const hit = json(await get(`/api/grids/lookup?lng=${lng}&lat=${lat}`, city));
    expect(hit).toMatchObject({ found: true, county: { code: '231171000000' }, adminCounty: { code: '231182000000', name: '五大连池市' } });
    expect(hit.message).toContain('五大连池市');
    // An ordinary point: the administrative county is the county.
    const [a] = await gridsOf('231102001000');
    const [x, y] = labelPointOf(a.geometry);
    expect(json(await get(`/api/grids/lookup?lng=${x}&lat=${y}`)).adminCounty).toEqual({ code: '231102000000', name: '爱辉区' });
  });

  it('says what is wrong with a duplicated, empty or non-numeric parameter', async () => {
    const dup = await get('/api/grids/lookup?lng=127.5&lng=127.6&lat=50.2');
    expect(dup.statusCode).toBe(400);
    expect(json(dup).error.message).toContain('lng 只能出现一次');
    const limit = await get('/api/grids?limit=abc');
    expect(json(limit).error.message).toContain('limit（条数）必须是整数');
    expect(json(limit).error.message).not.toContain('期望');
    const early = await get('/api/grids?asOf=0000-01-01T00:00:00Z');
    expect(early.statusCode).toBe(400);
    expect(json(early).error.message).toContain('不能早于 2000 年');
  });
});

describe('micro-grids when their grid changes', () => {
  it('refuses a redraw that would leave a micro-grid outside, and warns that a split retires them', async () => {
    const city = await t.login('city');
    const micro = json(await get('/api/grids?within=231102000000&level=micro&limit=1', city)).items[0];
    expect(micro, 'a demo micro-grid in 爱辉区').toBeTruthy();
    const parent = json(await get(`/api/grids/${micro.parentCode}`));
    const microDetail = json(await get(`/api/grids/${micro.code}`));
    // A new boundary that is the parent minus the micro-grid: the micro-grid would stick out.
    const { difference, featureCollection, feature } = await import('@turf/turf');
    const rest = difference(featureCollection([feature(parent.grid.boundary), feature(microDetail.grid.boundary)]) as never)!.geometry;
    const r = json(await post('/api/grid-changes/validate', { kind: 'redraw', gridCode: parent.grid.code, reason: '缩小网格范围', grid: { boundary: rest } }));
    expect(r.ok).toBe(false);
    expect(r.errors.find((e: { code: string }) => e.code === 'micro_outside')?.message).toContain(micro.code);
  });
});

describe('staff follow their grids', () => {
  it('ends the assignments on a retired grid, with a decision naming the change, and warns beforehand', async () => {
    const gaps = json(await get('/api/staffing/gaps?within=231102001000'));
    const staffed = gaps.grids.find((g: { heads: number; fulltime: number; parttime: number }) => g.heads + g.fulltime + g.parttime > 0);
    const before = json(await get(`/api/grids/${staffed.code}/staff`)).items as { staffId: string }[];
    expect(before.length).toBeGreaterThan(0);
    const check = json(await post('/api/grid-changes/validate', { kind: 'retire', gridCode: staffed.code, reason: '小区整体拆迁' }));
    expect(check.warnings.find((w: { code: string }) => w.code === 'staff_released')?.message).toContain('名人员任职');
    const r = await post('/api/grid-changes', { kind: 'retire', gridCode: staffed.code, reason: '小区整体拆迁', apply: true });
    expect(r.statusCode, r.body).toBe(201);
    expect(json(await get(`/api/grids/${staffed.code}/staff`)).items).toEqual([]);
    const person = json(await get(`/api/staff/${before[0].staffId}`));
    expect(person.decisions[0]).toMatchObject({ kind: 'adjust', reason: expect.stringContaining('网格调整') });
    expect(person.history.find((h: { gridCode: string }) => h.gridCode === staffed.code).validTo).toBeTruthy();
  });
});
