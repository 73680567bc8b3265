import { bboxPolygon, feature, featureCollection, intersect } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bboxOf, labelPointOf } from '../../../common/geo/measure';
import type { AreaGeometry } from '../../../common/geo/types';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { verifyAuditChain } from '../audit/audit.service';

let t: TestApp;
let aihui: string;
let street: string;
let city: string;
beforeAll(async () => {
  t = await createTestApp();
  [aihui, street, city] = [await t.login('aihui'), await t.login('huayuan'), await t.login('city')];
});
afterAll(async () => t?.close());

const get = (url: string, cookie = aihui) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, payload: unknown, cookie = aihui) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });

async function gridsOf(division: string) {
  return json(await get(`/api/grids?within=${division}&format=geojson`)).features as { properties: { code: string; name: string; kind: string; subKind: string; divisionCode: string }; geometry: AreaGeometry }[];
}
function halves(g: AreaGeometry): [AreaGeometry, AreaGeometry] {
  const [x0, y0, x1, y1] = bboxOf(g);
  const mid = (x0 + x1) / 2;
  const cut = (box: [number, number, number, number]) => intersect(featureCollection([feature(g), bboxPolygon(box)] as any) as any)!.geometry as AreaGeometry;
  return [cut([x0 - 1, y0 - 1, mid, y1 + 1]), cut([mid, y0 - 1, x1 + 1, y1 + 1])];
}
async function counts() {
  const g = await t.db.selectFrom('grids').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const v = await t.db.selectFrom('grid_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const c = await t.db.selectFrom('grid_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return [Number(g.n), Number(v.n), Number(c.n)];
}
const attrs = (name: string, kind = 'urban', subKind = 'residential_compound') => ({ name, kind, subKind, households: 320, population: 800, partyOrg: { type: 'branch', name: `${name}党支部` } });

describe('grid changes (Art. 8): validated, versioned, filed with the city centre', () => {
  it('retires a grid and creates a new one in its place with a fresh code, filing both', async () => {
    const [g] = await gridsOf('231102001000');
    const retired = await post('/api/grid-changes', { kind: 'retire', gridCode: g.properties.code, reason: '小区拆迁，网格撤销', apply: true });
    expect(retired.statusCode).toBe(201);
    expect(json(retired).change).toMatchObject({ status: 'applied', resultCodes: expect.arrayContaining([g.properties.code]) });
    expect(json(retired).change.warnings.some((w: { code: string }) => w.code === 'gap')).toBe(true);

    const created = await post('/api/grid-changes', {
      kind: 'create',
      divisionCode: g.properties.divisionCode,
      reason: '新建小区，重新划分网格',
      grid: { ...attrs('新建测试网格'), boundary: g.geometry },
      apply: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = json(created).change.resultCodes[0];
    expect(code).toMatch(new RegExp(`^${g.properties.divisionCode}\\d{3}$`));
    expect(code).not.toBe(g.properties.code);
    expect(Number(code.slice(12))).toBeGreaterThan(Number(g.properties.code.slice(12)));

    const old = json(await get(`/api/grids/${g.properties.code}`)).grid;
    expect(old.status).toBe('retired');
    expect(old.validTo).not.toBeNull();
    const [lng, lat] = labelPointOf(g.geometry);
    const lookup = json(await get(`/api/grids/lookup?lng=${lng}&lat=${lat}`));
    expect(lookup.grid).toMatchObject({ code, name: '新建测试网格' });

    const inbox = json(await get('/api/filings', city));
    const mine = inbox.items.filter((f: { resultCodes: string[] }) => f.resultCodes.includes(code) || f.resultCodes.includes(g.properties.code));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ countyName: '爱辉区', acknowledgedAt: null });
  });

  it('points lookups at the new grid as soon as a change is applied', async () => {
    const [, g] = await gridsOf('231102001000');
    const [left, right] = halves(g.geometry);
    const res = await post('/api/grid-changes', {
      kind: 'split',
      gridCode: g.properties.code,
      reason: '网格人口过多，一分为二',
      parts: [{ ...attrs('拆分西片', g.properties.kind, g.properties.subKind), boundary: left }, { ...attrs('拆分东片', g.properties.kind, g.properties.subKind), boundary: right }],
      apply: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [westCode, eastCode] = json(res).change.resultCodes;
    const [x0, y0, x1, y1] = bboxOf(right);
    const east = json(await get('/api/grids/lookup?lng=' + (x0 + x1) / 2 + '&lat=' + (y0 + y1) / 2));
    expect([westCode, eastCode]).toContain(east.grid?.code);
    expect(json(await get(`/api/grids/${g.properties.code}`)).grid.status).toBe('retired');
  });

  it('merges neighbouring grids into one whose boundary is their union', async () => {
    const grids = await gridsOf('231102002000');
    const a = grids[0];
    const b = grids.find((x) => x !== a && x.properties.divisionCode === a.properties.divisionCode && x.properties.kind === a.properties.kind)!;
    const res = await post('/api/grid-changes', { kind: 'merge', gridCodes: [a.properties.code, b.properties.code], reason: '两个网格户数过少，合并管理', grid: attrs('合并网格', a.properties.kind, a.properties.subKind), apply: true });
    expect(res.statusCode, res.body).toBe(201);
    const merged = json(await get(`/api/grids/${json(res).change.resultCodes[0]}`)).grid;
    expect(merged.name).toBe('合并网格');
    const oldA = json(await get(`/api/grids/${a.properties.code}`)).grid;
    expect(oldA.status).toBe('retired');
  });

  it('redraws a grid as a new version and shows the map as of an earlier date', async () => {
    const [, , g] = await gridsOf('231102003000');
    const before = t.clock.now().toISOString();
    t.clock.advance(60_000);
    const res = await post('/api/grid-changes', { kind: 'redraw', gridCode: g.properties.code, reason: '更正网格名称', grid: { name: '更名后的网格' }, apply: true });
    expect(res.statusCode, res.body).toBe(201);
    const d = json(await get(`/api/grids/${g.properties.code}`));
    expect(d.grid).toMatchObject({ name: '更名后的网格', version: 2 });
    expect(d.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(d.history[0]).toMatchObject({ changeKind: 'redraw', reason: '更正网格名称', author: '爱辉区网格中心 李科长' });
    const past = json(await get(`/api/grids?within=${g.properties.divisionCode}&asOf=${encodeURIComponent(before)}`)).items;
    expect(past.find((x: { code: string }) => x.code === g.properties.code).name).toBe(g.properties.name);
  });

  it('rejects overlaps, self-intersections, shapes outside the county and unknown communities, changing nothing', async () => {
    const [g] = await gridsOf('231102004000');
    const [x0, y0, x1, y1] = bboxOf(g.geometry);
    const before = await counts();
    const overlap = await post('/api/grid-changes', { kind: 'create', divisionCode: g.properties.divisionCode, reason: '测试重叠网格', grid: { ...attrs('重叠网格'), boundary: g.geometry }, apply: true });
    expect(overlap.statusCode).toBe(422);
    expect(json(overlap).error.message).toContain('重叠');
    expect(json(overlap).error.details[0]).toMatchObject({ code: 'overlap', gridCode: g.properties.code });

    const bowTie = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
    const kinked = await post('/api/grid-changes', { kind: 'redraw', gridCode: g.properties.code, reason: '测试自相交边界', grid: { boundary: bowTie }, apply: true });
    expect(kinked.statusCode).toBe(422);
    expect(json(kinked).error.message).toContain('自相交');

    const moscow = { type: 'Polygon', coordinates: [[[37.6, 55.7], [37.7, 55.7], [37.7, 55.8], [37.6, 55.7]]] };
    const far = await post('/api/grid-changes', { kind: 'create', divisionCode: g.properties.divisionCode, reason: '测试县外网格', grid: { ...attrs('县外网格'), boundary: moscow }, apply: true });
    expect(far.statusCode).toBe(422);
    expect(json(far).error.message).toContain('超出爱辉区范围');

    const unknown = await post('/api/grid-changes', { kind: 'create', divisionCode: '231102001999', reason: '测试未知社区', grid: { ...attrs('未知'), boundary: g.geometry } });
    expect(unknown.statusCode).toBe(422);
    expect(json(unknown).error.message).toContain('231102001999');

    const township = await post('/api/grid-changes', { kind: 'create', divisionCode: '231102001000', reason: '测试乡级单位', grid: { ...attrs('乡级'), boundary: g.geometry } });
    expect(township.statusCode).toBe(422);
    expect(json(township).error.message).toContain('只能划在社区（村）');

    const badKind = await post('/api/grid-changes', { kind: 'create', divisionCode: g.properties.divisionCode, reason: '测试专属网格', grid: { ...attrs('专属', 'exclusive', 'school'), boundary: g.geometry } });
    expect(badKind.statusCode).toBe(422);
    expect(json(badKind).error.message).toContain('专属网格必须填写所属单位');

    const all = json(await get('/api/grids?within=231102000000')).items as { code: string; kind: string; divisionCode: string }[];
    const school = all.find((x) => x.kind === 'exclusive' && all.some((y) => y.kind === 'urban' && y.divisionCode === x.divisionCode))!;
    const neighbour = all.find((y) => y.kind === 'urban' && y.divisionCode === school.divisionCode)!;
    const mixed = await post('/api/grid-changes', { kind: 'merge', gridCodes: [school.code, neighbour.code], reason: '测试合并不同类型', grid: attrs('混合网格') });
    expect(mixed.statusCode).toBe(422);
    expect(json(mixed).error.message).toContain('只能合并同一类型的网格');

    const malformed = await post('/api/grid-changes', { kind: 'explode', reason: 'x' });
    expect(malformed.statusCode).toBe(400);
    const noReason = await post('/api/grid-changes', { kind: 'retire', gridCode: g.properties.code, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(json(noReason).error.message).toContain('调整原因');
    const huge = await t.app.inject({ method: 'POST', url: '/api/grid-changes', headers: { cookie: aihui, 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'retire', reason: 'x'.repeat(6 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    expect(json(huge).error.message).toBe('提交的内容过大');

    expect(await counts()).toEqual(before);
  });

  it('gives the form a dry run with errors and warnings, writing nothing', async () => {
    const [g] = await gridsOf('231102004000');
    const before = await counts();
    const ok = json(await post('/api/grid-changes/validate', { kind: 'retire', gridCode: g.properties.code, reason: '校验撤销' }));
    expect(ok.ok).toBe(true);
    expect(ok.warnings.map((w: { code: string }) => w.code)).toContain('gap');
    const bad = json(await post('/api/grid-changes/validate', { kind: 'create', divisionCode: g.properties.divisionCode, reason: '校验重叠', grid: { ...attrs('重叠'), boundary: g.geometry } }));
    expect(bad.ok).toBe(false);
    expect(bad.errors[0].code).toBe('overlap');
    expect(await counts()).toEqual(before);
  });

  it('enforces roles and scopes', async () => {
    const [beian] = await gridsOf('231181001000');
    const outOfScope = await post('/api/grid-changes', { kind: 'retire', gridCode: beian.properties.code, reason: '越权撤销测试', apply: true });
    expect(outOfScope.statusCode).toBe(403);
    expect(json(outOfScope).error.message).toContain('不在您的管辖范围内');
    const cityTries = await post('/api/grid-changes', { kind: 'retire', gridCode: beian.properties.code, reason: '市中心不能直接调整' }, city);
    expect(cityTries.statusCode).toBe(403);
    const [g] = await gridsOf('231102004000');
    const streetApplies = await post('/api/grid-changes', { kind: 'retire', gridCode: g.properties.code, reason: '街道不能直接生效', apply: true }, street);
    expect(streetApplies.statusCode).toBe(403);
    const countyAcks = await post('/api/filings/01900000-0000-7000-8000-000000000000/acknowledge', {}, aihui);
    expect(countyAcks.statusCode).toBe(403);
  });

  it('lets a street centre propose and the county centre apply; the city centre acknowledges the filing once', async () => {
    const [g] = await gridsOf('231102001000');
    const proposed = await post('/api/grid-changes', { kind: 'redraw', gridCode: g.properties.code, reason: '街道提出：更新户数', grid: { households: 512 } }, street);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const change = json(proposed).change;
    expect(change).toMatchObject({ status: 'proposed', proposedBy: '花园街道网格中心 张站长' });
    expect(json(await get(`/api/grids/${g.properties.code}`)).grid.households).not.toBe(512);

    const applied = await post(`/api/grid-changes/${change.id}/apply`, {});
    expect(applied.statusCode, applied.body).toBe(200);
    expect(json(applied).change.status).toBe('applied');
    expect(json(await get(`/api/grids/${g.properties.code}`)).grid.households).toBe(512);
    expect((await post(`/api/grid-changes/${change.id}/apply`, {})).statusCode).toBe(409);

    const filing = json(await get('/api/filings', city)).items.find((f: { changeId: string }) => f.changeId === change.id);
    expect(filing).toMatchObject({ changeKind: 'redraw', reason: '街道提出：更新户数' });
    const ack = await post(`/api/filings/${filing.id}/acknowledge`, { note: '已阅，同意备案' }, city);
    expect(ack.statusCode).toBe(200);
    expect(json(ack).filing).toMatchObject({ acknowledgedBy: '市网格中心 王主任', note: '已阅，同意备案' });
    expect((await post(`/api/filings/${filing.id}/acknowledge`, {}, city)).statusCode).toBe(409);
    const done = json(await get('/api/filings?status=acknowledged', city)).items;
    expect(done.map((f: { id: string }) => f.id)).toContain(filing.id);
  });

  it('lets the proposer withdraw a pending change', async () => {
    const [g] = await gridsOf('231102001000');
    const p = json(await post('/api/grid-changes', { kind: 'retire', gridCode: g.properties.code, reason: '拟撤销后又撤回' }, street)).change;
    const w = await post(`/api/grid-changes/${p.id}/withdraw`, {}, street);
    expect(json(w).change.status).toBe('withdrawn');
    expect((await post(`/api/grid-changes/${p.id}/apply`, {})).statusCode).toBe(409);
  });

  it('draws micro-grids inside a grid with codes extending the grid\'s, and keeps them inside it', async () => {
    const micro = json(await get('/api/grids?level=micro&within=231102000000')).items[0];
    const parent = json(await get(`/api/grids/${micro.parentCode}`));
    const sibling = parent.microGrids.find((m: { code: string }) => m.code === micro.code);
    expect(sibling).toBeTruthy();
    const microDetail = json(await get(`/api/grids/${micro.code}`)).grid;
    const retired = await post('/api/grid-changes', { kind: 'retire', gridCode: micro.code, reason: '楼栋拆除，微网格撤销', apply: true });
    expect(retired.statusCode, retired.body).toBe(201);
    const created = await post('/api/grid-changes', {
      kind: 'create',
      divisionCode: parent.grid.divisionCode,
      parentGridCode: parent.grid.code,
      reason: '新楼栋入住，划分微网格',
      grid: { ...attrs('新楼栋微网格', parent.grid.kind, parent.grid.subKind), boundary: microDetail.boundary },
      apply: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = json(created).change.resultCodes[0];
    expect(code).toHaveLength(18);
    expect(code.startsWith(parent.grid.code)).toBe(true);
    expect(code).not.toBe(micro.code);

    const elsewhere = (await gridsOf('231102002000'))[0].geometry;
    const outside = await post('/api/grid-changes', {
      kind: 'create',
      divisionCode: parent.grid.divisionCode,
      parentGridCode: parent.grid.code,
      reason: '测试超出上级网格',
      grid: { ...attrs('越界微网格', parent.grid.kind, parent.grid.subKind), boundary: elsewhere },
    });
    expect(outside.statusCode).toBe(422);
    expect(json(outside).error.message).toContain('超出所属网格');
  });

  it('leaves an intact audit chain naming every change', async () => {
    const actions = (await t.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['grid_change.propose', 'grid_change.apply', 'grid_change.withdraw', 'filing.acknowledge']));
    // Each applied change records the versions it replaced and what it created.
    const applied = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'grid_change.apply').execute();
    const split = applied.find((r) => (r.after as { created: unknown[] }).created.length === 2)!;
    expect(split.before).toEqual([expect.objectContaining({ version: 1, code: expect.stringMatching(/^\d{15}$/), name: expect.any(String) })]);
    expect(split.after).toMatchObject({ created: [{ name: '拆分西片' }, { name: '拆分东片' }] });
    expect(split.actor_name).toContain('aihui');
    expect(await verifyAuditChain(t.db)).toBeNull();
  });
});
