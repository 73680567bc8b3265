import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../lib/clock';
import { AIHUI, HUAYUAN, staffTools, testPerson } from '../../../test/support/notice-fixtures';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
let county: string;
let street: string;
let s: ReturnType<typeof staffTools>;
let grid: { code: string; name: string; divisionCode: string };
const names = { head: '陈网格长', full: '林专职', part: '何兼职', pro: '郭专业' };
const phones = { head: '13904560001', full: '13904560002', part: '13904560003', pro: '13904560004' };
const today = () => dayOf(t.clock.now());
const open = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  t = await createTestApp();
  [county, street] = [await t.login('aihui'), await t.login('huayuan')];
  s = staffTools(t, street);
  [grid] = await s.grids(HUAYUAN, { kind: 'urban' });
  await s.appoint(testPerson(names.head, { phone: phones.head }), [{ gridCode: grid.code, role: 'grid_head', background: 'party_org' }]);
  await s.appoint(testPerson(names.full, { phone: phones.full }), [{ gridCode: grid.code, role: 'fulltime' }]);
  await s.appoint(testPerson(names.part, { phone: phones.part }), [{ gridCode: grid.code, role: 'parttime', background: 'volunteer' }]);
  await s.appoint(testPerson(names.pro, { phone: phones.pro }), [{ gridCode: grid.code, role: 'professional', sourceOrgCode: `${AIHUI}-mz` }], county);
  await s.setPhones(`${AIHUI}-wg`, { complaintPhone: '0456-8229999' }, county);
  await s.setPhones(`${grid.divisionCode}-wg`, { dutyPhone: '0456-8221234' }, county);
});
afterAll(async () => t?.close());

describe('a grid’s public notice (Art. 12)', () => {
  it('shows name, code, area, place, staff by kind with phones, the hotlines and a QR code to /r, without login or script', async () => {
    const r = await open(`/g/${grid.code}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const b = r.body;
    expect(b).toContain('<meta name="viewport"');
    expect(b).not.toMatch(/<script/i);
    expect(b).toContain(grid.name);
    expect(b).toContain(grid.code);
    expect(b).toMatch(/<svg class="outline"[^>]*viewBox="0 0 1000 750"/);
    expect(b).toMatch(/<path d="M[\d. L]+Z[^"]*" fill="#fde7e4" fill-rule="evenodd"/);
    for (const place of ['爱辉区', '花园街道']) expect(b).toContain(place);
    for (const [role, key] of [['网格长', 'head'], ['专职网格员', 'full'], ['兼职网格员', 'part'], ['专业网格员', 'pro']] as const) {
      expect(b).toContain(`<h3>${role}</h3>`);
      expect(b).toContain(names[key]);
      expect(b).toContain(`href="tel:${phones[key]}"`);
    }
    expect(b).toContain('派出单位：爱辉区民政局');
    expect(b).toContain('0456-8229999');
    expect(b).toContain('12345');
    expect(b).toContain('政务服务便民热线');
    expect(b).toContain('<svg class="qr"');
    expect(b).toMatch(new RegExp(`>http://localhost(:80)?/r/${grid.code}</a>`));
    expect(b.indexOf('<h3>网格长</h3>')).toBeLessThan(b.indexOf('<h3>专职网格员</h3>'));
  });

  it('prints the QR code for the configured public address when there is one', async () => {
    const other = await createTestApp({ config: { publicOrigins: ['https://wangge.heihe.gov.cn'] } });
    try {
      const b = (await other.app.inject({ url: `/g/${grid.code}` })).body;
      expect(b).toContain(`https://wangge.heihe.gov.cn/r/${grid.code}`);
    } finally {
      await other.close();
    }
  });

  it('says plainly when a grid has no head or workers, with the community station’s duty phone', async () => {
    const [, vacant] = await s.grids(HUAYUAN, { kind: 'urban' });
    await s.vacate(vacant.code, today());
    await s.setPhones(`${vacant.divisionCode}-wg`, { dutyPhone: '0456-8227777' }, county);
    for (const suffix of ['', '/board', '/card']) {
      const b = (await open(`/g/${vacant.code}${suffix}`)).body;
      expect(b, suffix).toContain('暂未配备，请联系');
      expect(b, suffix).toMatch(/网格化管理服务站/);
      expect(b, suffix).toContain('0456-8227777');
    }
    // A grid with workers but no head says that the head is missing.
    await s.appoint(testPerson('马专职'), [{ gridCode: vacant.code, role: 'fulltime' }]);
    const b = (await open(`/g/${vacant.code}`)).body;
    expect(b).toContain('马专职');
    expect(b).toMatch(/<b>网格长<\/b>：暂未配备，请联系/);
  });

  it('shows a change of its staff or of the grid at once', async () => {
    const newcomer = '钟新任';
    expect((await open(`/g/${grid.code}`)).body).not.toContain(newcomer);
    await s.appoint(testPerson(newcomer, { phone: '13904560009' }), [{ gridCode: grid.code, role: 'parttime', background: 'mediator' }]);
    expect((await open(`/g/${grid.code}`)).body).toContain(newcomer);
    const part = (await s.serving(grid.code)).find((x) => x.name === names.part)!;
    const ended = await s.post(`/api/staff/${part.staffId}/adjustments`, { end: [{ gridCode: grid.code, role: 'parttime' }], add: [], effectiveOn: today(), reason: '工作调整', decidingBody: '花园街道网格化管理服务中心' });
    expect(ended.statusCode, ended.body).toBe(200);
    for (const suffix of ['', '/board', '/card']) expect((await open(`/g/${grid.code}${suffix}`)).body).not.toContain(names.part);
    await s.setPhones(`${AIHUI}-wg`, { complaintPhone: '0456-8228888' }, county);
    expect((await open(`/g/${grid.code}/board`)).body).toContain('0456-8228888');
  });

  it('escapes a grid named with HTML on every page', async () => {
    const [, , target] = await s.grids(HUAYUAN, { kind: 'urban' });
    const evil = '<img src=x onerror=alert(1)>小区';
    const r = await s.post('/api/grid-changes', { kind: 'redraw', gridCode: target.code, reason: '更正网格名称', grid: { name: evil }, apply: true }, county);
    expect(r.statusCode, r.body).toBe(201);
    const staffName = '<b>李</b>';
    const named = await s.post('/api/staff/appointments', { person: testPerson(staffName), assignments: [{ gridCode: target.code, role: 'parttime', background: 'volunteer' }], effectiveOn: '2026-01-10', reason: '任命', decidingBody: '花园街道网格化管理服务中心' });
    expect(named.statusCode, named.body).toBe(201);
    for (const suffix of ['', '/board', '/card']) {
      const b = (await open(`/g/${target.code}${suffix}`)).body;
      expect(b, suffix).toContain('&lt;img src=x onerror=alert(1)&gt;小区');
      expect(b, suffix).not.toContain('<img');
      expect(b, suffix).toContain('&lt;b&gt;李&lt;/b&gt;');
      expect(b, suffix).not.toContain('<b>李');
    }
    const report = (await open(`/r/${target.code}`)).body;
    expect(report).toContain('&lt;img src=x');
    expect(report).not.toContain('<img');
  });

  it('answers unknown and malformed codes with a Chinese 404 page', async () => {
    for (const url of ['/g/231102001001999', '/g/abc', '/g/231102001001999/board', '/g/12/card', '/r/231102001001999', '/g/%3Cscript%3E']) {
      const r = await open(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type'], url).toContain('text/html');
      expect(r.body, url).toContain('没有这个网格');
      expect(r.body, url).not.toContain('<script>');
    }
  });

  it('says a retired grid was retired, pointing to the grid now serving the place', async () => {
    const features = json(await s.get(`/api/grids?within=${HUAYUAN}&format=geojson`, county)).features as { properties: { code: string; name: string; divisionCode: string }; geometry: unknown }[];
    const old = features[features.length - 1];
    expect((await s.post('/api/grid-changes', { kind: 'retire', gridCode: old.properties.code, reason: '小区拆迁，网格撤销', apply: true }, county)).statusCode).toBe(201);
    const created = await s.post('/api/grid-changes', {
      kind: 'create',
      divisionCode: old.properties.divisionCode,
      reason: '重新划分网格',
      grid: { name: '重划后的网格', kind: 'urban', subKind: 'residential_compound', households: 300, population: 700, partyOrg: { type: 'branch', name: '重划后的网格党支部' }, boundary: old.geometry },
      apply: true,
    }, county);
    expect(created.statusCode, created.body).toBe(201);
    const successor = json(created).change.resultCodes[0];
    for (const suffix of ['', '/board', '/card']) {
      const r = await open(`/g/${old.properties.code}${suffix}`);
      expect(r.statusCode).toBe(410);
      expect(r.body).toContain('该网格已撤销');
      expect(r.body).toContain(old.properties.name);
      expect(r.body).toContain(`href="/g/${successor}"`);
    }
    expect((await open(`/g/${successor}`)).statusCode).toBe(200);
  });
});

describe('an exclusive grid’s entrance notice (Art. 12 para. 2)', () => {
  it('names the owning unit, the grid, its area and its 专属网格员 with phone', async () => {
    const [ex] = await s.grids(AIHUI, { kind: 'exclusive' });
    const detail = json(await s.get(`/api/grids/${ex.code}`, county)).grid;
    expect(detail.owningUnit).toBeTruthy();
    await s.vacate(ex.code, today(), county);
    await s.appoint(testPerson('宋专属', { phone: '13904560077', townshipCode: ex.townshipCode }), [{ gridCode: ex.code, role: 'exclusive' }], county);
    const board = await open(`/g/${ex.code}/board`);
    expect(board.statusCode).toBe(200);
    const b = board.body;
    expect(b).toContain('专属网格公示牌');
    expect(b).toContain('第十二条第二款');
    expect(b).toContain(`所在单位：${detail.owningUnit.replace(/&/g, '&amp;')}`);
    expect(b).toContain(ex.name);
    expect(b).toContain('<svg class="outline"');
    expect(b).toMatch(/专属网格员<\/div><div class="ppl"><div class="p"><span class="n">宋专属<\/span><span class="t">13904560077<\/span>/);
    // The exclusive worker comes before the vacant head on the entrance notice.
    expect(b.indexOf('宋专属')).toBeLessThan(b.indexOf('网格长</b>：暂未配备'));
    expect(b).toContain('网格长</b>：暂未配备');
    const page = (await open(`/g/${ex.code}`)).body;
    expect(page.indexOf('<h3>专属网格员</h3>')).toBeGreaterThan(0);
    expect(page).toContain('所在单位');
  });
});

describe('the board and the card', () => {
  it('are print pages of the same data, with A4 print CSS and the QR code', async () => {
    const board = (await open(`/g/${grid.code}/board`)).body;
    expect(board).toContain('@page{size:A4 portrait;margin:0}');
    expect(board).toContain('网格公示牌');
    expect(board).toContain(names.head);
    expect(board).toContain(phones.head);
    expect(board).toContain('<svg class="qr"');
    expect(board.match(/<section class="sheet/g)).toHaveLength(1);
    const card = (await open(`/g/${grid.code}/card`)).body;
    expect(card).toContain('网格联系卡');
    expect(card).toContain(names.full);
    expect(card).toContain(phones.full);
    expect(card.match(/class="card( copy)?"/g)).toHaveLength(4);
  });
});

describe('the report address printed in the QR code', () => {
  it('names the grid, opens the report form and gives the numbers to call', async () => {
    await s.setPhones(`${grid.divisionCode}-wg`, { dutyPhone: '0456-8221234' }, county);
    const r = await open(`/r/${grid.code}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(grid.name);
    expect(r.body).toContain(`action="/r/${grid.code}"`);
    expect(r.body).toContain('0456-8221234');
    expect(r.body).toContain('12345');
    expect(r.body).toContain('id="report"');
  });
});

describe('public work-ID verification (Art. 16, 27)', () => {
  it('shows name, kind, grids and whether the ID is valid now; invalid with the reason once revoked', async () => {
    const id = (await s.serving(grid.code)).find((x) => x.name === names.full)!.staffId;
    const w = await s.workId(id, county);
    const r = await open(`/v/${w.ref}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toContain(names.full);
    expect(r.body).toContain('专职网格员');
    expect(r.body).toContain(grid.name);
    expect(r.body).toContain('>有效</b>');
    expect(r.body).toContain('核验时间：2026-02-04');
    expect(r.body).toContain('aria-label="照片"');
    expect(r.body).toContain('noindex');
    expect(r.body).not.toContain(phones.full);
    expect((await s.post(`/api/work-ids/${w.id}/revoke`, { reason: '工作证遗失' }, county)).statusCode).toBe(204);
    const after = (await open(`/v/${w.ref}`)).body;
    expect(after).toContain('>无效</b>');
    expect(after).toContain('工作证已注销');
  });

  it('answers unknown and malformed refs with 查无此证 and 404', async () => {
    for (const ref of ['a'.repeat(26), 'short', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '%3Cb%3E']) {
      const r = await open(`/v/${ref}`);
      expect(r.statusCode, ref).toBe(404);
      expect(r.body).toContain('查无此证');
    }
  });
});

describe('printing every board of a street (Art. 12)', () => {
  it('gives the street centre one page per active grid of its street, and refuses outside its scope', async () => {
    const active = await s.grids(HUAYUAN);
    const r = await open(`/g/print?within=${HUAYUAN}`, street);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.body.match(/<section class="sheet/g)).toHaveLength(active.length);
    expect(r.body).toContain('break-after:page');
    expect(r.body).toContain(names.head);
    const community = (await open(`/g/print?within=${grid.divisionCode}`, street)).body;
    expect(community.match(/<section class="sheet/g)!.length).toBe(active.filter((g) => g.divisionCode === grid.divisionCode).length);
    expect((await open(`/g/print?within=${HUAYUAN}`, county)).statusCode).toBe(200);

    const anonymous = await open(`/g/print?within=${HUAYUAN}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain('请先登录');
    const other = await open('/g/print?within=231102002000', street);
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toContain('text/html');
    expect(other.body).toContain('不在您的管辖范围内');
    expect((await open(`/g/print?within=${AIHUI}`, county)).statusCode).toBe(400);
    expect((await open('/g/print?within=abc', street)).statusCode).toBe(400);
    expect((await open('/g/print', street)).statusCode).toBe(400);
  });
});

describe('public pages are rate-limited modestly', () => {
  it('answers the 121st request of a minute with a Chinese 429 page, and the print page still works', async () => {
    let last = await open(`/g/${grid.code}/card`);
    for (let i = 1; i < 121; i++) last = await open(`/g/${grid.code}/card`);
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toContain('text/html');
    expect(last.body).toContain('访问过于频繁');
    expect((await open(`/g/print?within=${grid.divisionCode}`, street)).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await open(`/g/${grid.code}/card`)).statusCode).toBe(200);
  });
});
