import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

const AIHUI = '231102000000';
const COUNTIES = ['231102000000', '231123000000', '231124000000', '231181000000', '231182000000', '231183000000', '231171000000'];
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));
async function call(user: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const headers = user ? { cookie: await as(user) } : {};
  return t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : method === 'POST' ? { payload: {} } : {}) });
}

const newType = {
  code: '090110',
  name: '冰雪堆积影响通行',
  art14Kind: 3,
  duties: '网格员巡查发现人行道、楼道口冰雪堆积影响通行的及时上报；城市管理部门组织清理。',
  defaultSector: 'cg',
  limits: { dispatch: { amount: 2, unit: 'working_hours' }, handling: { amount: 8, unit: 'working_hours' }, verification: { amount: 24, unit: 'calendar_hours' }, feedback: { amount: 8, unit: 'working_hours' } },
  needsVerification: true,
  needsFeedback: true,
  priority: 'urgent',
  directToPolice: false,
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the default catalogue, version 1 of every county', () => {
  it('is published in every county with 13 / 45 / 257 types and the ten kinds of Art. 14', async () => {
    for (const county of COUNTIES) {
      const o = json(await call('city', 'GET', `/api/catalogue/${county}`));
      expect(o.published).toMatchObject({ version: 1, status: 'published', origin: 'default', typeCount: 257, limitsDefaultCount: 257 });
      const v = json(await call('city', 'GET', `/api/catalogue/versions/${o.published.id}`));
      expect(v.types).toHaveLength(257);
      expect(new Set(v.types.map((x: any) => x.path[0])).size).toBe(13);
      expect(new Set(v.types.map((x: any) => x.code.slice(0, 4))).size).toBe(45);
      expect(new Set(v.types.map((x: any) => x.art14Kind)).size).toBe(10);
    }
  });

  it('gives the matters loop the published type in the contract’s shape', async () => {
    const p = await t.built.catalogue.publishedType(AIHUI, '030402');
    expect(p).toMatchObject({
      version: 1,
      countyCode: AIHUI,
      code: '030402',
      name: '威胁、侮辱、殴打网格员',
      path: ['治安防控', '网格员履职保障', '威胁、侮辱、殴打网格员'],
      art14Kind: 5,
      defaultSector: 'ga',
      priority: 'top',
      directToPolice: true,
      needsVerification: true,
      limits: { handling: { amount: 2, unit: 'calendar_hours' }, verification: { amount: 24, unit: 'calendar_hours' } },
    });
    expect(Object.keys(p!).sort()).toEqual(['art14Kind', 'code', 'countyCode', 'defaultSector', 'directToPolice', 'duties', 'limits', 'name', 'needsFeedback', 'needsVerification', 'path', 'priority', 'version', 'versionId'].sort());
    expect(await t.built.catalogue.publishedType(AIHUI, '999999')).toBeNull();
    expect(await t.built.catalogue.publishedType('231100000000', '090102')).toBeNull();
    expect(await t.built.catalogue.publishedTypes('231171000000')).toHaveLength(257);
  });

  it('is searched as the worker types: pinyin initials, name, code', async () => {
    const r = await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?q=blj`);
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r).items.map((x: any) => x.name)).toContain('暴露垃圾');
    expect(json(r).items[0].limits.handling).toEqual({ amount: 4, unit: 'working_hours' });
    expect(json(await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?q=bllj`)).items[0].name).toBe('暴露垃圾');
    expect(json(await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?q=${encodeURIComponent('垃圾')}`)).items.length).toBeGreaterThanOrEqual(3);
    expect(json(await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?q=090102`)).items.map((x: any) => x.code)).toEqual(['090102']);
    expect((await call(null, 'GET', `/api/catalogue/${AIHUI}/types?q=blj`)).statusCode).toBe(401);
    const bad = await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?limit=0`);
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.message).toMatch(/条数/);
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?q=zd`);
    expect((performance.now() - t0) / 50).toBeLessThan(50);
  });
});

describe('a new version: drafted, approved, published (准入 and 退出)', () => {
  let v1: string;
  let v2: string;
  it('is drafted by the county centre from the published version', async () => {
    v1 = json(await call('aihui', 'GET', `/api/catalogue/${AIHUI}`)).published.id;
    const r = await call('aihui', 'POST', `/api/catalogue/${AIHUI}/drafts`, { note: '审核默认时限，增加冰雪堆积事项' });
    expect(r.statusCode, r.body).toBe(201);
    v2 = json(r).id;
    expect(json(r)).toMatchObject({ version: 2, status: 'draft', basedOnVersion: 1, typeCount: 257 });
    const again = await call('aihui', 'POST', `/api/catalogue/${AIHUI}/drafts`, {});
    expect(again.statusCode).toBe(409);
    expect(json(again).error.message).toContain('第 2 版草稿');
  });

  it('takes types in, out and changed, with the reasons of bad input in Chinese', async () => {
    expect((await call('aihui', 'POST', `/api/catalogue/versions/${v2}/types`, newType)).statusCode).toBe(201);
    expect((await call('aihui', 'DELETE', `/api/catalogue/versions/${v2}/types/090109`)).statusCode).toBe(204);
    const changed = await call('aihui', 'PUT', `/api/catalogue/versions/${v2}/types/090102`, { limits: { ...newType.limits, handling: { amount: 8, unit: 'working_hours' } }, duties: '城市管理部门 1 个工作日内清运。' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json(changed)).toMatchObject({ limitsDefault: false, dutiesDefault: false, handlingBasis: null });
    const reviewed = await call('aihui', 'PUT', `/api/catalogue/versions/${v2}/types/010101`, { limitsReviewed: true });
    expect(json(reviewed)).toMatchObject({ limitsDefault: false, limits: { handling: { amount: 720, unit: 'calendar_hours' } } });

    const bad = async (method: 'POST' | 'PUT', url: string, body: unknown, status: number, message: string | RegExp) => {
      const r = await call('aihui', method, `/api/catalogue/versions/${v2}${url}`, body);
      expect(r.statusCode, r.body).toBe(status);
      expect(json(r).error.message).toMatch(message);
    };
    await bad('PUT', '/types/999999', { priority: 'top' }, 404, '没有编码为 999999 的事项');
    await bad('PUT', '/types/09010x', { priority: 'top' }, 400, '6 位数字');
    await bad('POST', '/types', { ...newType, code: 'abc' }, 400, '事项编码为 6 位数字');
    await bad('POST', '/types', { ...newType, code: '090102' }, 409, '已在清单中（暴露垃圾）');
    await bad('POST', '/types', { ...newType, code: '090111', name: '暴露垃圾' }, 422, '已有名为“暴露垃圾”的事项');
    await bad('POST', '/types', { ...newType, code: '090109', name: '别的事项' }, 422, '曾用于“非装饰性树挂”');
    await bad('POST', '/types', { ...newType, code: '140101', name: '新分类事项' }, 422, '一级分类 14 是新分类');
    await bad('PUT', '/types/090102', { limits: { ...newType.limits, handling: { amount: 0, unit: 'working_hours' } } }, 400, '处置时限：时限至少 1 小时');
    await bad('PUT', '/types/090102', { limits: { ...newType.limits, dispatch: { amount: 100000, unit: 'calendar_hours' } } }, 400, '派遣时限：时限不能超过 2160 小时');
    await bad('PUT', '/types/090102', { limits: { ...newType.limits, feedback: { amount: 8, unit: 'days' } } }, 400, '时限单位只能是');
    await bad('PUT', '/types/090102', { defaultSector: null }, 400, '每个事项都须指定责任单位');
    await bad('POST', '/types', { ...newType, code: '090112', name: '无单位事项', defaultSector: undefined }, 400, '每个事项都须指定责任单位');
    await bad('PUT', '/types/090102', { defaultSector: 'jy' }, 400, '未知的责任单位“jy”');
    await bad('PUT', '/types/090102', { directToPolice: true }, 422, '责任单位须为公安');
    await bad('PUT', '/types/090102', {}, 400, '没有要修改的内容');
    await bad('PUT', '/types/090102', { art14Kind: 11 }, 400, '1–10');
    // A type of a new level-1 group, with its names.
    expect((await call('aihui', 'POST', `/api/catalogue/versions/${v2}/types`, { ...newType, code: '140101', name: '边境管控协助', level1Name: '边境管理', level2Name: '边境巡查', art14Kind: 5, defaultSector: 'ga' })).statusCode).toBe(201);
  });

  it('shows what changes against the published version', async () => {
    const d = json(await call('aihui-zf', 'GET', `/api/catalogue/versions/${v2}/diff`));
    expect(d.against.version).toBe(1);
    expect(d.added.map((x: any) => x.code).sort()).toEqual(['090110', '140101']);
    expect(d.removed.map((x: any) => x.code)).toEqual(['090109']);
    const garbage = d.changed.find((c: any) => c.code === '090102');
    expect(garbage.changes.map((c: any) => c.label)).toEqual(expect.arrayContaining(['职责任务', '处置时限']));
    expect(garbage.changes.find((c: any) => c.label === '处置时限')).toMatchObject({ before: '4 个工作小时', after: '1 个工作日' });
  });

  it('is approved by the county government only, and published only once approved', async () => {
    const early = await call('aihui', 'POST', `/api/catalogue/versions/${v2}/publish`);
    expect(early.statusCode).toBe(422);
    expect(json(early).error.message).toContain('尚未经爱辉区人民政府批准，不能公布');
    expect((await call('aihui', 'POST', `/api/catalogue/versions/${v2}/submit`, { note: '报请批准' })).statusCode).toBe(200);
    expect((await call('aihui', 'PUT', `/api/catalogue/versions/${v2}/types/090102`, { priority: 'top' })).statusCode).toBe(409);
    const self = await call('aihui', 'POST', `/api/catalogue/versions/${v2}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(json(self).error.message).toContain('由县（市、区）人民政府批准');
    const other = await call('xunke-zf', 'POST', `/api/catalogue/versions/${v2}/approve`, {});
    expect(other.statusCode).toBe(403);
    expect(json(other).error.message).toContain('不在您的管辖范围内');
    expect((await call('aihui', 'POST', `/api/catalogue/versions/${v2}/publish`)).statusCode).toBe(422);
    const ok = await call('aihui-zf', 'POST', `/api/catalogue/versions/${v2}/approve`, { reference: '爱政函〔2026〕8号' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'approved', approvalRef: '爱政函〔2026〕8号', approvedBy: '爱辉区人民政府' });
    expect((await call('aihui-zf', 'POST', `/api/catalogue/versions/${v2}/publish`)).statusCode).toBe(403);
    const pub = await call('aihui', 'POST', `/api/catalogue/versions/${v2}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(json(pub).status).toBe('published');
  });

  it('supersedes the previous version, which stays readable with the types old matters were handled under', async () => {
    const o = json(await call('changhai', 'GET', `/api/catalogue/${AIHUI}`));
    expect(o.published).toMatchObject({ id: v2, version: 2, typeCount: 258 });
    expect(o.versions.map((v: any) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
    const old = json(await call('changhai', 'GET', `/api/catalogue/versions/${v1}`));
    expect(old.version.status).toBe('superseded');
    expect(old.types.find((x: any) => x.code === '090109').name).toBe('非装饰性树挂');
    const cat = t.built.catalogue;
    expect(await cat.publishedType(AIHUI, '090109')).toBeNull();
    expect(await cat.typeAtVersion(v1, '090109')).toMatchObject({ version: 1, name: '非装饰性树挂' });
    expect((await cat.publishedType(AIHUI, '090102'))!.limits.handling).toEqual({ amount: 8, unit: 'working_hours' });
    expect((await cat.typeAtVersion(v1, '090102'))!.limits.handling).toEqual({ amount: 4, unit: 'working_hours' });
    expect(await cat.typesAtVersion(v1)).toHaveLength(257);
    expect(json(await call('changhai-wgy', 'GET', `/api/catalogue/${AIHUI}/types?q=bxdj`)).items[0].code).toBe('090110');
    // Other counties keep their own version 1.
    expect((await cat.publishedType('231123000000', '090109'))?.version).toBe(1);
    // A superseded version can't be edited, even in the database.
    await expect(t.db.updateTable('catalogue_types').set({ name: '改' }).where('version_id', '=', v1).execute()).rejects.toThrow(/不能修改/);
    await expect(t.db.updateTable('catalogue_versions').set({ note: '改' }).where('id', '=', v2).execute()).rejects.toThrow(/不能修改/);
  });

  it('audits every step', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'catalogue.%').where('entity_id', '=', v2).orderBy('seq').execute();
    expect([...new Set(rows.map((r) => r.action))]).toEqual(['catalogue.draft', 'catalogue.type_add', 'catalogue.type_remove', 'catalogue.type_change', 'catalogue.submit', 'catalogue.approve', 'catalogue.publish']);
  });
});

describe('refusal and roles', () => {
  const XUNKE = '231123000000';
  let d: string;
  it('sends a submitted draft back to draft with the reason', async () => {
    expect((await call('xunke-zf', 'POST', `/api/catalogue/${XUNKE}/drafts`, {})).statusCode).toBe(403);
    expect((await call('aihui', 'POST', `/api/catalogue/${XUNKE}/drafts`, {})).statusCode).toBe(403);
    d = json(await call('xunke', 'POST', `/api/catalogue/${XUNKE}/drafts`, {})).id;
    expect((await call('aihui', 'PUT', `/api/catalogue/versions/${d}/types/090102`, { priority: 'top' })).statusCode).toBe(403);
    expect((await call('xunke-zf', 'POST', `/api/catalogue/versions/${d}/refuse`, { reason: '不行' })).statusCode).toBe(409);
    await call('xunke', 'POST', `/api/catalogue/versions/${d}/submit`, {});
    const noReason = await call('xunke-zf', 'POST', `/api/catalogue/versions/${d}/refuse`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(json(noReason).error.message).toContain('请写明退回修改的理由');
    expect((await call('aihui-zf', 'POST', `/api/catalogue/versions/${d}/refuse`, { reason: '时限未经部门会签' })).statusCode).toBe(403);
    const r = await call('xunke-zf', 'POST', `/api/catalogue/versions/${d}/refuse`, { reason: '时限未经部门会签' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ status: 'draft', refusalReason: '时限未经部门会签' });
    // Back in draft, the centre can change it again; the published version is untouched.
    expect((await call('xunke', 'PUT', `/api/catalogue/versions/${d}/types/090102`, { priority: 'normal' })).statusCode).toBe(200);
    expect(json(await call('xunke', 'GET', `/api/catalogue/${XUNKE}`)).published.version).toBe(1);
  });

  it('shows drafts to their county and the city only', async () => {
    expect((await call('city', 'GET', `/api/catalogue/versions/${d}`)).statusCode).toBe(200);
    const street = await call('huayuan', 'GET', `/api/catalogue/versions/${d}`);
    expect(street.statusCode).toBe(403);
    expect(json(street).error.message).toContain('尚未公布');
    expect(json(await call('aihui', 'GET', `/api/catalogue/${XUNKE}`)).open).toBeNull();
    expect(json(await call('xunke-zf', 'GET', `/api/catalogue/${XUNKE}`)).open.id).toBe(d);
    expect((await call('xunke', 'POST', `/api/catalogue/versions/${d}/discard`)).statusCode).toBe(200);
    expect(json(await call('xunke', 'GET', `/api/catalogue/${XUNKE}`)).open).toBeNull();
  });

  it('gives the county government a county scope', async () => {
    const u = json(await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: await as('aihui-zf') } })).user;
    expect(u).toMatchObject({ role: 'county_government', roleLabel: '县（市、区）人民政府', scopeCode: AIHUI });
    expect(u.permissions).toContain('catalogue.approve');
    expect(u.permissions).not.toContain('catalogue.manage');
    const access = (await import('../access/access.service')).createAccessService({ db: t.db, clock: t.clock, sessionHours: 12 });
    await expect(access.createUser(null, { username: 'x-zf', password: 'Heihe@2026xx', role: 'county_government', scopeCode: '231102001000' })).rejects.toThrow('县一级');
  });
});

describe('several processes on one PostgreSQL database', () => {
  it('picks up a publication in the other process within a few seconds', async (ctx) => {
    if (!t.databaseUrl) return ctx.skip();
    const peer = await createTestApp({ peerOf: t });
    try {
      const BEIAN = '231181000000';
      expect((await peer.built.catalogue.publishedType(BEIAN, '090102'))?.version).toBe(1);
      const d = json(await call('beian', 'POST', `/api/catalogue/${BEIAN}/drafts`, {})).id;
      await call('beian', 'PUT', `/api/catalogue/versions/${d}/types/090102`, { priority: 'top' });
      await call('beian', 'POST', `/api/catalogue/versions/${d}/submit`, {});
      await call('beian-zf', 'POST', `/api/catalogue/versions/${d}/approve`, {});
      expect((await call('beian', 'POST', `/api/catalogue/versions/${d}/publish`)).statusCode).toBe(200);
      await expect.poll(async () => (await peer.built.catalogue.publishedType(BEIAN, '090102'))?.version, { timeout: 8000 }).toBe(2);
      expect((await peer.built.catalogue.publishedType(BEIAN, '090102'))?.priority).toBe('top');
    } finally {
      await peer.close();
    }
  }, 30_000);
});
