import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../common/domain/id-number';
import { AIHUI, HUAYUAN, staffTools, testPerson, type TestPerson } from '../../../test/support/notice-fixtures';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

/**
 * Art. 12 lists what a notice publishes: the grid's name and area, the names and contact numbers of
 * its head and workers, and the supervision hotline. Everything else the platform holds about those
 * people (Art. 17, 24) — ID number, birth date, home address, employer, contract and insurance
 * dates, gender — must never reach a public page. Staff are created here with known values, and
 * every public page (all of them, enumerated from the routes) is searched for those values.
 */
let t: TestApp;
let county: string;
let street: string;
const people: TestPerson[] = [];
const pages: { route: string; url: string; phones: Set<string> }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  [county, street] = [await t.login('aihui'), await t.login('huayuan')];
  const s = staffTools(t, street);
  const [micro] = await s.grids(HUAYUAN, { level: 'micro' });
  const grid = micro.parentCode!;
  const [exclusive] = await s.grids(HUAYUAN, { kind: 'exclusive' });
  const make = async (name: string, birth: string, assignment: { gridCode: string; role: string; background?: string; sourceOrgCode?: string }, cookie = street) => {
    const p = testPerson(name, { birth, homeAddress: `黑龙江省黑河市爱辉区花园街道${name}家园${people.length + 3}号楼${people.length + 1}单元60${people.length}`, employer: `黑河市${name}隐私测试有限公司` });
    people.push(p);
    return s.appoint(p, [assignment], cookie);
  };
  const headId = await make('隐私网格长', '1971-05-17', { gridCode: grid, role: 'grid_head', background: 'committee' });
  await make('隐私专职', '1983-11-02', { gridCode: grid, role: 'fulltime' });
  await make('隐私兼职', '1958-07-21', { gridCode: grid, role: 'parttime', background: 'retired_party' });
  await make('隐私专业', '1990-01-30', { gridCode: grid, role: 'professional', sourceOrgCode: `${AIHUI}-ga` }, county);
  await make('隐私楼栋长', '1966-09-09', { gridCode: micro.code, role: 'building_head' });
  await make('隐私单元长', '1975-12-12', { gridCode: micro.code, role: 'unit_head' });
  await make('隐私专属', '1988-08-18', { gridCode: exclusive.code, role: 'exclusive' }, county);
  const { ref } = await s.workId(headId, county);

  const phonesOf = async (...codes: string[]) => new Set((await Promise.all(codes.map((c) => s.serving(c)))).flat().map((x) => x.phone));
  const microOf = async (code: string) => (await s.grids(HUAYUAN, { level: 'micro' })).filter((m) => m.parentCode === code).map((m) => m.code);
  const gridPhones = await phonesOf(grid, ...(await microOf(grid)));
  const exclusivePhones = await phonesOf(exclusive.code);
  const microPhones = await phonesOf(micro.code, grid);
  const allPhones = await phonesOf(...(await s.grids(grid.slice(0, 12), { level: 'grid' })).map((g) => g.code), ...(await microOf(grid)));
  const add = (route: string, url: string, phones: Set<string>) => pages.push({ route, url, phones });
  for (const [code, phones] of [[grid, gridPhones], [exclusive.code, exclusivePhones], [micro.code, microPhones]] as const) {
    add('/g/:code', `/g/${code}`, phones);
    add('/g/:code/board', `/g/${code}/board`, phones);
    add('/g/:code/card', `/g/${code}/card`, phones);
    add('/r/:code', `/r/${code}`, new Set());
  }
  add('/v/:ref', `/v/${ref}`, new Set());
  // A resident's report on the grid, and its tracking page.
  const { trackingCode } = await t.built.matters.residentReport('127.0.0.1', { typeCode: '090102', description: '楼下垃圾桶满溢', phone: '13904569876', address: '3号楼前', photoKeys: [] }, grid);
  add('/t/:code', `/t/${trackingCode}`, new Set());
  add('/t', '/t', new Set());
  add('/g/print', `/g/print?within=${grid.slice(0, 12)}`, allPhones);
});
afterAll(async () => t?.close());

describe('public pages show nothing personal beyond names and work phones (Art. 12, 17, 24)', () => {
  it('covers every public page the server has', () => {
    const publicRoutes = t.built.routes.filter((r) => /^\/(g|r|v|t)(\/|$)/.test(r.url)).map((r) => r.url);
    expect(new Set(pages.map((p) => p.route))).toEqual(new Set(publicRoutes));
  });

  it('never shows an ID number, a birth date, a home address, an employer, contract or insurance dates', async () => {
    expect(people.length).toBe(7);
    for (const p of pages) {
      const r = await t.app.inject({ url: p.url, headers: p.route === '/g/print' ? { cookie: street } : {} });
      expect(r.statusCode, p.url).toBe(200);
      const body = r.body;
      // The page does show the people (so the search below searches a page that names them).
      if (p.phones.size) expect(people.some((x) => body.includes(x.name) && body.includes(x.phone)), p.url).toBe(true);
      for (const person of people) {
        const birth = person.idNumber.slice(6, 14);
        const [y, m, d] = [birth.slice(0, 4), birth.slice(4, 6), birth.slice(6, 8)];
        const forbidden = [
          person.idNumber,
          person.idNumber.slice(0, 6) + birth,
          person.idNumber.slice(-6),
          `${y}-${m}-${d}`,
          birth,
          `${y}年${Number(m)}月${Number(d)}日`,
          `${y}.${m}.${d}`,
          person.homeAddress,
          person.homeAddress.slice(-8),
          person.employer,
          person.contractStart,
          person.contractEnd,
          person.socialInsuranceSince,
        ];
        for (const f of forbidden) expect(body.includes(f), `${p.url} shows ${f} of ${person.name}`).toBe(false);
      }
      // No valid ID number of anyone: every 18-character run of digits is checked (18-digit micro-grid codes are not ID numbers).
      for (const m of body.matchAll(/\d{17}[\dXx]/g)) expect(parseIdNumber(m[0]).ok, `${p.url}: ${m[0]}`).toBe(false);
      expect(body).not.toMatch(/\*{4,}/);
      for (const word of ['身份证', '出生', '住址', '性别', '工作单位', '合同', '社保', '保险', '民族', '学历']) expect(body, `${p.url}: ${word}`).not.toContain(word);
      // The only mobile numbers are those of the people serving the grid on the page.
      for (const m of body.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) expect(p.phones.has(m[0]), `${p.url}: ${m[0]}`).toBe(true);
    }
  });

  it('gives the work-ID check no phone number at all', async () => {
    const v = pages.find((p) => p.route === '/v/:ref')!;
    const body = (await t.app.inject({ url: v.url })).body;
    expect(body).toContain('隐私网格长');
    expect(body).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});
