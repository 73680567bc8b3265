import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

const XUNKE = '231123000000';
let t: TestApp;
const open = (url: string) => t.app.inject({ url });
const HOSTILE = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  t = await createTestApp();
  // 逊克县 publishes a version 2 with a type whose name is markup, to see it printed as text.
  const [centre, gov] = [await t.login('xunke'), await t.login('xunke-zf')];
  const post = async (cookie: string, url: string, payload: object = {}) => {
    const r = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`);
    return json(r);
  };
  const d = await post(centre, `/api/catalogue/${XUNKE}/drafts`);
  await post(centre, `/api/catalogue/versions/${d.id}/types`, {
    code: '130304',
    name: HOSTILE,
    art14Kind: 10,
    duties: '<script>alert(2)</script> 网格员协助。',
    defaultSector: 'zfw',
    limits: { dispatch: { amount: 4, unit: 'working_hours' }, handling: { amount: 16, unit: 'working_hours' }, verification: { amount: 24, unit: 'calendar_hours' }, feedback: { amount: 8, unit: 'working_hours' } },
    needsVerification: false,
    needsFeedback: true,
    priority: 'normal',
    directToPolice: false,
  });
  await post(centre, `/api/catalogue/versions/${d.id}/submit`);
  await post(gov, `/api/catalogue/versions/${d.id}/approve`, { reference: '逊政函〔2026〕3号' });
  await post(centre, `/api/catalogue/versions/${d.id}/publish`);
});
afterAll(async () => t?.close());

describe('the public catalogue page (Art. 15: 向社会公布)', () => {
  it('lists kinds, groups and types with units and limits in words, without login or script', async () => {
    const r = await open('/catalogue/231102000000');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.headers['cache-control']).toBe('no-store');
    const b = r.body;
    expect(b).not.toMatch(/<script/i);
    expect(b).toContain('<h1>爱辉区网格管理服务事项清单</h1>');
    expect(b).toContain('第 1 版 · 平台默认清单');
    expect(b).toContain('办理时限是默认值，须由爱辉区网格化管理服务机构会同有关部门审核');
    for (const k of ['（一）宣传引导', '（五）治安防控与公共安全', '（十）其他管理服务事项']) expect(b).toContain(k);
    expect(b).toContain('城市管理 · 市容环境');
    expect(b).toMatch(/暴露垃圾[\s\S]*?爱辉区城市管理综合执法局[\s\S]*?4 个工作小时[\s\S]*?24 小时内/);
    expect(b).toContain('2 个工作日');
    expect(b).toContain('30 天');
    expect(b).toMatch(/威胁、侮辱、殴打网格员<\/span><span class="tag">特急<\/span>/);
    expect(b).toContain('黑河市公安局爱辉分局');
  });

  it('shows the version, the approval and the date, and prints stored text as text', async () => {
    const b = (await open(`/catalogue/${XUNKE}`)).body;
    expect(b).toMatch(/第 2 版 · \d{4}-\d\d-\d\d 公布 · 经逊克县人民政府批准（\d{4}-\d\d-\d\d，逊政函〔2026〕3号）/);
    expect(b).toContain('各事项的职责任务和办理时限由本县（市、区）确定');
    expect(b).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(b).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(b).not.toContain(HOSTILE);
    expect(b).not.toMatch(/<script/i);
  });

  it('answers an unknown or malformed county with a Chinese 404 page', async () => {
    for (const code of ['231100000000', '999999999999', 'abc']) {
      const r = await open(`/catalogue/${code}`);
      expect(r.statusCode, code).toBe(404);
      expect(r.body).toContain('没有这个县（市、区）');
      expect(r.body).toContain('/catalogue/231102000000');
    }
  });

  it('gives the same as JSON, without login', async () => {
    const r = await open(`/api/public/catalogue/${XUNKE}`);
    expect(r.statusCode, r.body).toBe(200);
    const c = json(r);
    expect(c.county).toEqual({ code: XUNKE, name: '逊克县' });
    expect(c.version).toMatchObject({ number: 2, isDefault: false, approvalRef: '逊政函〔2026〕3号' });
    expect(c.kinds.map((k: any) => k.kind)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const types = c.kinds.flatMap((k: any) => k.groups.flatMap((g: any) => g.types));
    expect(types).toHaveLength(258);
    expect(types.find((x: any) => x.code === '130304').name).toBe(HOSTILE);
    expect(types.find((x: any) => x.code === '090102')).toMatchObject({ unit: '逊克县城市管理综合执法局', limits: { handling: { amount: 4, unit: 'working_hours', text: '4 个工作小时' } }, needsVerification: true });
    expect(JSON.stringify(c)).not.toMatch(/createdBy|handlingBasis|"source"/);
    expect((await open('/api/public/catalogue/231100000000')).statusCode).toBe(404);
    // The scenic area's catalogue names its host county's departments.
    const area = json(await open('/api/public/catalogue/231171000000'));
    expect(area.kinds[0].groups[0].types[0].unit).toMatch(/五大连池市/);
  });

  it('is rate-limited per address like the notices', async () => {
    let last = 0;
    for (let i = 0; i < 125 && last !== 429; i++) last = (await t.app.inject({ url: '/api/public/catalogue/231124000000', remoteAddress: '10.9.9.9' })).statusCode;
    expect(last).toBe(429);
  });
});
