import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../common/domain/id-number';
import { createTestApp, json, type TestApp } from '../../../../test/support/test-app';
import { openWorkbook } from '../../../../test/support/xlsx';
import { neutralise } from '../../../lib/excel';

let t: TestApp;
let street: string;
let county: string;
const HUAYUAN = '231102001000';
const tag = `出${Date.now() % 10_000}`;
const people = [
  { name: `=1+2${tag}`, employer: '=HYPERLINK("http://example.com","点我")', homeAddress: '+黑河市爱辉区花园街道长海小区3栋2单元501', role: 'fulltime' as const },
  { name: `@${tag}乙`, employer: '-2+3 公司', homeAddress: '@黑河市爱辉区花园街道长海小区5栋1单元302', role: 'parttime' as const },
  { name: `${tag}丙`, employer: '花园街道办事处', homeAddress: '黑河市爱辉区花园街道长海小区7栋3单元101', role: 'parttime' as const },
];
const ids = people.map((_, i) => makeIdNumber('231102', '1952-05-06', 701 + i * 2));
const staffIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  [street, county] = [await t.login('huayuan'), await t.login('aihui')];
  const grids = json(await t.app.inject({ url: `/api/grids?within=${HUAYUAN}&level=grid`, headers: { cookie: street } })).items.filter((g: { kind: string }) => g.kind === 'urban');
  for (const [i, p] of people.entries()) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/staff/appointments',
      headers: { cookie: street },
      payload: {
        person: { name: p.name, idNumber: ids[i], phone: '13904561234', homeAddress: p.homeAddress, employer: p.employer, townshipCode: HUAYUAN, contractStart: '2025-01-01', contractEnd: '2027-12-31' },
        assignments: [{ gridCode: grids[i].code, role: p.role, ...(p.role === 'parttime' ? { background: 'volunteer' } : {}) }],
        effectiveOn: '2026-01-10',
        reason: '经招聘考试录用',
        decidingBody: '花园街道网格化管理服务中心',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    staffIds.push(json(r).staffId);
  }
});
afterAll(async () => t?.close());

async function download(url: string, cookie = street) {
  const r = await t.app.inject({ url, headers: { cookie } });
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toContain('spreadsheetml');
  return { res: r, wb: await openWorkbook(r.rawPayload) };
}
const rowsOf = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().slice(2) as unknown[][]).filter(Boolean).map((r) => r.slice(1));
const allText = (ws: ExcelJS.Worksheet) => JSON.stringify(ws.getSheetValues());

describe('staff list export', () => {
  it('has Chinese headers, widths and a frozen header row, with the same filters as the list', async () => {
    const { res, wb } = await download(`/api/staff/export.xlsx?within=${HUAYUAN}&q=${encodeURIComponent(tag)}`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/网格人员_花园街道_\d{4}-\d{2}-\d{2}\.xlsx/);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('网格人员');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '性别', '身份证号', '出生日期', '手机号', '人员类型', '任职网格', '管理街道（乡镇）', '县（市、区）', '工作单位', '家庭住址', '聘用合同开始日期', '聘用合同结束日期', '状态', '平台账号']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(7).width).toBeGreaterThan(30);
    expect(rowsOf(ws)).toHaveLength(3);
    const list = json(await t.app.inject({ url: `/api/staff?within=${HUAYUAN}&q=${encodeURIComponent(tag)}&role=parttime`, headers: { cookie: street } }));
    const { wb: parttime } = await download(`/api/staff/export.xlsx?within=${HUAYUAN}&q=${encodeURIComponent(tag)}&role=parttime`);
    expect(rowsOf(parttime.worksheets[0]).map((r) => r[0])).toEqual(list.items.map((s: { name: string }) => neutralise(s.name)));
    expect(list.total).toBe(2);
    expect((await t.app.inject({ url: '/api/staff/export.xlsx?within=231123000000', headers: { cookie: street } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/staff/export.xlsx?role=chief', headers: { cookie: street } })).statusCode).toBe(400);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.export').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('masks ID numbers, birth dates and home addresses exactly as the list does', async () => {
    for (const cookie of [street, county, await t.login('city')]) {
      const { wb } = await download(`/api/staff/export.xlsx?within=${HUAYUAN}&q=${encodeURIComponent(tag)}`, cookie);
      const ws = wb.worksheets[0];
      const text = allText(ws);
      for (const [i, p] of people.entries()) {
        expect(text).not.toContain(ids[i]);
        expect(text).not.toContain(ids[i].slice(6, 14));
        expect(text).not.toContain(p.homeAddress.slice(8));
      }
      const list = json(await t.app.inject({ url: `/api/staff?within=${HUAYUAN}&q=${encodeURIComponent(tag)}`, headers: { cookie } })).items as { name: string; idNumber: string; birthDate: string; homeAddress: string }[];
      const rows = rowsOf(ws);
      for (const s of list) {
        const row = rows.find((r) => r[0] === neutralise(s.name))!;
        expect(row[2]).toBe(s.idNumber);
        expect(row[2]).toMatch(/^2311\*{10}\d{3}[\dX]$/);
        expect(row[3]).toBe('1952-**-**');
        expect(row[10]).toBe(neutralise(s.homeAddress));
        expect(String(row[10])).toContain('****');
      }
    }
  });

  it('neutralises cells that a spreadsheet would take for a formula', async () => {
    const { wb } = await download(`/api/staff/export.xlsx?within=${HUAYUAN}&q=${encodeURIComponent(tag)}`);
    const rows = rowsOf(wb.worksheets[0]);
    const first = rows.find((r) => String(r[0]).includes('=1+2'))!;
    expect(first[0]).toBe(`'=1+2${tag}`);
    expect(first[9]).toBe(`'=HYPERLINK("http://example.com","点我")`);
    expect(String(first[10])).toMatch(/^'\+/);
    const second = rows.find((r) => String(r[0]).includes('乙'))!;
    expect(second[0]).toBe(`'@${tag}乙`);
    expect(second[9]).toBe("'-2+3 公司");
    expect(String(second[10])).toMatch(/^'@/);
    const third = rows.find((r) => String(r[0]).includes('丙'))!;
    expect(third[0]).toBe(`${tag}丙`);
    // No cell of any export is a formula.
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(6)));
    for (const [v, out] of [['=1', "'=1"], ['+1', "'+1"], ['-1', "'-1"], ['@a', "'@a"], ['\tx', "'\tx"], ['\rx', "'\rx"], ['a=1', 'a=1'], ['', '']]) expect(neutralise(v)).toBe(out);
  });
});

describe('assessments export', () => {
  it('exports the assessment list with its filters, neutralised and with Chinese headers', async () => {
    const rec = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: { cookie: street }, payload: { staffId: staffIds[2], kind: 'annual', period: '2025', score: 88.5, remarks: "=cmd|' /C calc'!A0" } });
    expect(rec.statusCode, rec.body).toBe(201);
    const { res, wb } = await download(`/api/assessments/export.xlsx?within=${HUAYUAN}&kind=annual&period=2025&staffId=${staffIds[2]}`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('网格员考核_花园街道_');
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '街道（乡镇）', '考核类型', '考核期间', '分数', '等次', '评语', '考核日期', '考核人', '考核单位']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = rowsOf(ws);
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(0, 7)).toEqual([`${tag}丙`, '花园街道', '年度考核', '2025', 88.5, '合格', "'=cmd|' /C calc'!A0"]);
    const none = await download(`/api/assessments/export.xlsx?within=${HUAYUAN}&kind=daily&staffId=${staffIds[2]}`);
    expect(rowsOf(none.wb.worksheets[0])).toHaveLength(0);
    expect((await t.app.inject({ url: '/api/assessments/export.xlsx?period=20xx', headers: { cookie: street } })).statusCode).toBe(400);
  });
});
