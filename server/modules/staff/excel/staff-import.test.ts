import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../common/domain/id-number';
import { headBackgroundLabels, parttimeBackgroundLabels, staffRoleLabels } from '../../../../common/domain/staff';
import { createTestApp, json, type TestApp } from '../../../../test/support/test-app';
import { multipart, openWorkbook, staffWorkbook, type StaffCells } from '../../../../test/support/xlsx';
import { buildApp } from '../../../app';
import { loadConfig } from '../../../config';
import { newId } from '../../../lib/ids';
import { createSheetParser } from './sheet-pool';
import { STAFF_COLUMNS } from './staff-columns';

let t: TestApp;
let street: string;
let county: string;
const HUAYUAN = '231102001000';
const XINGAN = '231102002000';
let urban: string[];
let otherStreet: string;
let micro: string;

beforeAll(async () => {
  t = await createTestApp();
  [street, county] = [await t.login('huayuan'), await t.login('aihui')];
  const grids = (within: string, level = 'grid') => t.app.inject({ url: `/api/grids?within=${within}&level=${level}`, headers: { cookie: county } }).then((r) => json(r).items as { code: string; kind: string }[]);
  urban = (await grids(HUAYUAN)).filter((g) => g.kind === 'urban').map((g) => g.code);
  otherStreet = (await grids(XINGAN)).filter((g) => g.kind === 'urban')[0].code;
  micro = (await grids(HUAYUAN, 'micro'))[0].code;
  expect(urban.length).toBeGreaterThan(6);
});
afterAll(async () => t?.close());

// Birth dates no demo worker has, so the file's people are new to the database.
let seq = 501;
const idNo = (birth = '1951-03-07') => makeIdNumber('231102', birth, (seq += 2));
const DECISION = { decidingBody: '花园街道网格化管理服务中心', reason: '经招聘考试录用' };
const fulltime = (over: StaffCells = {}): StaffCells => ({
  name: '王专职',
  idNumber: idNo(),
  phone: '13904561234',
  kind: staffRoleLabels.fulltime,
  gridCodes: urban[0],
  effectiveOn: new Date(Date.UTC(2026, 0, 10)),
  contractStart: '2025-01-01',
  contractEnd: '2027/12/31',
  homeAddress: '黑河市爱辉区花园街道长海小区3栋2单元501',
  ...DECISION,
  ...over,
});

async function upload(file: Buffer, cookie = street, name = '花园街道网格人员.xlsx') {
  const m = multipart(file, name);
  return t.app.inject({ method: 'POST', url: '/api/staff/imports', payload: m.payload, headers: { ...m.headers, cookie } });
}
async function settle(id: string, cookie = street) {
  for (let i = 0; i < 400; i++) {
    const j = json(await t.app.inject({ url: `/api/staff/imports/${id}`, headers: { cookie } }));
    if (j.status !== 'checking' && j.status !== 'importing') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}
async function dryRun(rows: StaffCells[], cookie = street) {
  const r = await upload(await staffWorkbook(rows), cookie);
  expect(r.statusCode, r.body).toBe(202);
  return settle(json(r).id, cookie);
}
const commit = (id: string, cookie = street) => t.app.inject({ method: 'POST', url: `/api/staff/imports/${id}/commit`, headers: { cookie } });
const count = async (table: 'staff' | 'staff_assignments' | 'staff_decisions' | 'import_jobs' | 'audit_log') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('the import template', () => {
  it('has the Chinese headers of the appointment fields, drop-down lists, notes, codes and two example rows', async () => {
    const r = await t.app.inject({ url: '/api/staff/import/template.xlsx', headers: { cookie: street } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('网格人员导入模板_花园街道.xlsx');
    const wb = await openWorkbook(r.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['网格人员', '填写说明', '代码表']);
    const ws = wb.getWorksheet('网格人员')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(STAFF_COLUMNS.map((c) => c.header));
    expect(headers).toEqual(expect.arrayContaining(['姓名', '身份证号', '手机号', '人员类型', '网格编码', '身份背景', '派出单位编码', '管理街道（乡镇）', '任职日期', '聘用合同开始日期', '聘用合同结束日期', '决定机关', '任职原因']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const col = (h: string) => String.fromCharCode(65 + headers.indexOf(h));
    const kind = ws.getCell(`${col('人员类型')}200`).dataValidation;
    expect(kind).toMatchObject({ type: 'list', formulae: ["'代码表'!$A$2:$A$8"] });
    const bg = ws.getCell(`${col('身份背景')}2`).dataValidation;
    expect(bg).toMatchObject({ type: 'list', formulae: ["'代码表'!$B$2:$B$10"] });
    const codes = wb.getWorksheet('代码表')!;
    const colValues = (c: number, n: number) => Array.from({ length: n }, (_, i) => codes.getRow(i + 2).getCell(c).value);
    expect(colValues(1, 7)).toEqual(Object.values(staffRoleLabels));
    expect(colValues(2, 9)).toEqual([...Object.values(headBackgroundLabels), ...Object.values(parttimeBackgroundLabels)]);
    expect(codes.getRow(2).getCell(4).value).toBe(HUAYUAN);
    expect(codes.getRow(2).getCell(5).value).toBe('花园街道');
    expect(colValues(7, 40)).toContain('231102000000-ga');

    // Example rows use real grids of the street and are skipped on import.
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^示例/);
    expect(String(ws.getRow(2).getCell(headers.indexOf('网格编码') + 1).value)).toMatch(/^231102001\d{6}$/);
    const notes = wb.getWorksheet('填写说明')!;
    const text = notes.getSheetValues().flat().join('\n');
    expect(text).toContain('全部通过后才能确认导入');
    expect(text).toContain('聘用合同');
    const back = await upload(r.rawPayload);
    expect(back.statusCode).toBe(400);
    expect(json(back).error.message).toContain('只有模板的示例行');

    const countyTpl = await openWorkbook((await t.app.inject({ url: '/api/staff/import/template.xlsx', headers: { cookie: county } })).rawPayload);
    const streets = countyTpl.getWorksheet('代码表')!.getColumn(5).values.filter(Boolean);
    expect(streets.length).toBeGreaterThan(6);
    expect((await t.app.inject({ url: '/api/staff/import/template.xlsx', headers: { cookie: await t.login('city') } })).statusCode).toBe(403);
  });
});

describe('dry run', () => {
  it('reports every bad row in Chinese, writes nothing, and refuses to import', async () => {
    const before = { staff: await count('staff'), assignments: await count('staff_assignments') };
    const registered = idNo();
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/staff/appointments',
      headers: { cookie: street },
      payload: { person: { name: '已登记', idNumber: registered, phone: '13904560000', townshipCode: HUAYUAN }, assignments: [{ gridCode: urban[1], role: 'parttime', background: 'volunteer' }], effectiveOn: '2026-01-05', ...DECISION },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const dupId = idNo();
    const headId = idNo();
    const head = { name: '周网格长', idNumber: headId, phone: '13604567890', kind: '网格长', background: '社区（村）党组织成员', effectiveOn: '2026-01-10', ...DECISION };
    const rows: StaffCells[] = [
      /* 2 */ fulltime({ name: '正常人', idNumber: dupId }),
      /* 3 */ fulltime({ gridCodes: '231102001099999' }),
      /* 4 */ fulltime({ idNumber: '231102198804121235' }),
      /* 5 */ fulltime({ phone: '1390456' }),
      /* 6 */ fulltime({ contractStart: null, contractEnd: null }),
      /* 7 */ fulltime({ kind: '兼职网格员', contractStart: null, contractEnd: null }),
      /* 8 */ fulltime({ kind: '专业网格员', sourceOrgCode: '231102000000-zz', contractStart: null, contractEnd: null }),
      /* 9 */ fulltime({ gridCodes: otherStreet }),
      /* 10 */ fulltime({ name: '另一人', idNumber: dupId }),
      /* 11 */ fulltime({ idNumber: registered }),
      /* 12 */ { ...head, gridCodes: urban.slice(0, 3).join('、') },
      /* 13 */ { ...head, gridCodes: urban.slice(3, 6).join(';') },
      /* 14 */ fulltime({ kind: '网格管理员' }),
      /* 15 */ fulltime({ effectiveOn: '2026-13-01' }),
      /* 16 */ fulltime({ name: null }),
      /* 17 */ fulltime({ idNumber: 231102198804121236 }),
      /* 18 */ fulltime({ kind: '楼栋长', contractStart: null, contractEnd: null }),
      /* 19 */ fulltime({ kind: '兼职网格员', background: '热心群众', contractStart: null, contractEnd: null }),
      /* 20 */ { ...fulltime({ kind: '楼栋长', gridCodes: micro, contractStart: null, contractEnd: null }), name: '孙楼栋长' },
    ];
    const job = await dryRun(rows);
    expect(job.status).toBe('checked');
    expect(job.rows).toBe(19);
    expect(job.canImport).toBe(false);
    const byRow = new Map<number, string>((job.report.problems as { row: number; messages: string[] }[]).map((p) => [p.row, p.messages.join('；')]));
    const expected: [number, string][] = [
      [3, '没有编码为 231102001099999 的网格'],
      [4, '校验位'],
      [5, '手机号'],
      [6, '聘用合同'],
      [7, '身份背景'],
      [8, '没有编码为 231102000000-zz 的单位'],
      [9, '不在您的管辖范围内'],
      [10, '身份证号与第 2 行相同，但姓名不同'],
      [11, '身份证号已登记（已登记'],
      [13, '最多对应 5 个网格'],
      [14, '人员类型「网格管理员」不正确'],
      [15, '任职日期'],
      [16, '请填写姓名'],
      [17, '身份证号被 Excel 存成了数字'],
      [18, '只能任职于微网格'],
      [19, '身份背景「热心群众」不正确'],
    ];
    for (const [row, message] of expected) expect(byRow.get(row), `第 ${row} 行`).toContain(message);
    // The good rows, a head over three grids and a building head on a micro-grid, pass.
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual(expected.map(([r]) => r));
    expect(job.errors).toBe(expected.length);
    expect(job.report.summary).toMatchObject({ rows: 19, persons: 3 });

    const c = await commit(job.id);
    expect(c.statusCode).toBe(422);
    expect(json(c).error.message).toContain(`${expected.length} 行有问题`);
    expect(await count('staff')).toBe(before.staff + 1);
    expect(await count('staff_assignments')).toBe(before.assignments + 1);
  });

  it('takes its own streets for a street centre and any of the county’s for the county centre', async () => {
    const row = fulltime({ gridCodes: otherStreet, township: '兴安街道' });
    const mine = await dryRun([row]);
    expect(mine.report.problems[0].messages.join()).toContain('管辖范围');
    const theirs = await dryRun([{ ...row, idNumber: idNo(), decidingBody: '爱辉区网格化管理服务中心' }], county);
    expect(theirs.errors, JSON.stringify(theirs.report)).toBe(0);
    expect(theirs.canImport).toBe(true);
  });
});

describe('import, all or nothing', () => {
  it('imports a clean file in one go, with the decisions, assignments and audit of the API, queryable through GET /api/staff', async () => {
    const tag = `导${Date.now() % 1000}`;
    const person2 = idNo('1951-04-01');
    const rows: StaffCells[] = [
      fulltime({ name: `${tag}甲`, gridCodes: urban[0] }),
      fulltime({ name: `${tag}乙`, gridCodes: urban[1], phone: '+86 139 0456 1111' }),
      { name: `${tag}丙`, idNumber: person2, phone: '13904562222', kind: '网格长', background: '居（村）民委员会成员', gridCodes: `${urban[2]}、${urban[3]}`, effectiveOn: '2026-01-10', township: '花园街道', ...DECISION },
      // the same person again, in another role: appointed to it as well
      { name: `${tag}丙`, idNumber: person2, kind: '兼职', background: '退休党员', gridCodes: urban[4], effectiveOn: '2026-01-12', ...DECISION },
      { name: `${tag}丁`, idNumber: idNo(), phone: '13904563333', kind: '专业网格员', sourceOrgCode: '231102000000-ga', gridCodes: `${urban[0]};${urban[5]}`, effectiveOn: '2026-01-10', ...DECISION },
    ];
    // One bad row: nothing of the file may be imported.
    const bad = await dryRun([...rows, fulltime({ name: `${tag}戊`, phone: '123' })]);
    expect(bad.errors).toBe(1);
    expect((await commit(bad.id)).statusCode).toBe(422);
    expect(json(await t.app.inject({ url: `/api/staff?within=${HUAYUAN}&q=${encodeURIComponent(tag)}`, headers: { cookie: street } })).total).toBe(0);

    const before = { staff: await count('staff'), decisions: await count('staff_decisions'), audit: await count('audit_log') };
    const job = await dryRun(rows);
    expect(job.errors, JSON.stringify(job.report.problems)).toBe(0);
    expect(job.canImport).toBe(true);
    expect(await count('staff')).toBe(before.staff);
    const c = await commit(job.id);
    expect(c.statusCode, c.body).toBe(202);
    expect(json(c).status).toBe('importing');
    expect((await commit(job.id)).statusCode).toBe(409);
    const done = await settle(job.id);
    expect(done.status, JSON.stringify(done.report)).toBe('done');
    expect(done.report.imported).toEqual({ persons: 4, assignments: 7 });
    expect((await commit(job.id)).statusCode).toBe(409);

    const list = json(await t.app.inject({ url: `/api/staff?within=${HUAYUAN}&q=${encodeURIComponent(tag)}`, headers: { cookie: street } }));
    expect(list.total).toBe(4);
    const bing = list.items.find((s: { name: string }) => s.name === `${tag}丙`);
    expect(bing.roles.sort()).toEqual(['grid_head', 'parttime']);
    expect(bing.assignments).toHaveLength(3);
    expect(list.items.find((s: { name: string }) => s.name === `${tag}乙`).phone).toBe('13904561111');
    const detail = json(await t.app.inject({ url: `/api/staff/${bing.id}`, headers: { cookie: street } }));
    expect(detail.decisions).toHaveLength(2);
    expect(detail.decisions.every((d: { kind: string; decidingBody: string }) => d.kind === 'appoint' && d.decidingBody === DECISION.decidingBody)).toBe(true);
    const onGrid = json(await t.app.inject({ url: `/api/grids/${urban[5]}/staff`, headers: { cookie: county } })).items;
    expect(onGrid).toEqual(expect.arrayContaining([expect.objectContaining({ name: `${tag}丁`, role: 'professional', sourceOrg: '黑河市公安局爱辉分局' })]));

    expect(await count('staff')).toBe(before.staff + 4);
    expect(await count('staff_decisions')).toBe(before.decisions + 5);
    // staff.create per person, staff.appoint per row, and one entry for the import.
    expect(await count('audit_log')).toBe(before.audit + 4 + 5 + 1);
    const summary = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.import').where('entity_id', '=', job.id).execute();
    expect(summary).toHaveLength(1);
    expect(summary[0].after).toMatchObject({ persons: 4, assignments: 7 });
    const chain = await t.app.inject({ url: '/api/health' });
    expect(chain.statusCode).toBe(200);
    const { verifyAuditChain } = await import('../../audit/audit.service');
    expect(await verifyAuditChain(t.db)).toBeNull();
    const row = await t.db.selectFrom('import_jobs').select(['payload', 'status']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ payload: null, status: 'done' });
  });

  it('writes nothing when a row no longer passes at import time, and says which', async () => {
    const rows = [fulltime({ name: '复核甲' }), fulltime({ name: '复核乙', gridCodes: urban[1] }), fulltime({ name: '复核丙', gridCodes: urban[2] })];
    const job = await dryRun(rows);
    expect(job.canImport).toBe(true);
    // Between the dry run and the import, the second person is registered through the API.
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/staff/appointments',
      headers: { cookie: street },
      payload: { person: { name: '复核乙', idNumber: rows[1].idNumber, phone: '13904564444', townshipCode: HUAYUAN }, assignments: [{ gridCode: urban[3], role: 'parttime', background: 'volunteer' }], effectiveOn: '2026-01-05', ...DECISION },
    });
    expect(api.statusCode, api.body).toBe(201);
    const before = await count('staff');
    expect((await commit(job.id)).statusCode).toBe(202);
    const done = await settle(job.id);
    expect(done.status).toBe('failed');
    expect(done.report.message).toContain('未导入任何人员');
    expect(done.report.problems).toEqual([expect.objectContaining({ row: 3, messages: [expect.stringContaining('身份证号已登记')] })]);
    expect(await count('staff')).toBe(before);
    expect(json(await t.app.inject({ url: `/api/staff?within=${HUAYUAN}&q=${encodeURIComponent('复核甲')}`, headers: { cookie: street } })).total).toBe(0);
  });

  it('lets only the uploader see and import a job', async () => {
    const job = await dryRun([fulltime({ name: '他人看' })]);
    const other = await t.login('aihui');
    expect((await t.app.inject({ url: `/api/staff/imports/${job.id}`, headers: { cookie: other } })).statusCode).toBe(404);
    expect((await commit(job.id, other)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/staff/imports/${newId()}`, headers: { cookie: street } })).statusCode).toBe(404);
  });
});

describe('files that are not the staff sheet', () => {
  it('refuses a 50 MB upload with a Chinese 413 and stores nothing', async () => {
    const jobs = await count('import_jobs');
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const r = await upload(big);
    expect(r.statusCode).toBe(413);
    expect(json(r).error.message).toContain('超过 20 MB');
    // Sent without a length (chunked): refused once 20 MB have arrived.
    const m = multipart(Buffer.alloc(21 * 1024 * 1024, 0x41));
    const chunked = await t.app.inject({ method: 'POST', url: '/api/staff/imports', payload: Readable.from([m.payload]), headers: { ...m.headers, cookie: street } });
    expect(chunked.statusCode).toBe(413);
    expect(json(chunked).error.message).toContain('超过 20 MB');
    expect(await count('import_jobs')).toBe(jobs);
  });

  it('refuses renamed, empty, old-format and wrongly headed files with clear 4xx messages', async () => {
    const jobs = await count('import_jobs');
    const cases: [Buffer, number, string][] = [
      [Buffer.from('姓名,身份证号\n张三,231102198804121236\n'), 415, '不是 Excel（.xlsx）格式'],
      [Buffer.alloc(0), 400, '空的'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 415, '.xls'],
      [Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]), 415, '无法作为 Excel'],
      [await staffWorkbook([fulltime()], { headers: ['名字', '证件', '电话'] }), 400, '没有找到表头'],
      [await staffWorkbook([fulltime()], { headers: ['姓名', '身份证号', '手机号'] }), 400, '表头缺少以下列：人员类型、网格编码、任职日期、决定机关、任职原因'],
      [await staffWorkbook([]), 400, '没有要导入的数据行'],
    ];
    for (const [file, status, message] of cases) {
      const r = await upload(file);
      expect(r.statusCode, message).toBe(status);
      expect(json(r).error.message).toContain(message);
    }
    const noFile = await t.app.inject({ method: 'POST', url: '/api/staff/imports', headers: { cookie: street, 'content-type': 'application/json' }, payload: '{}' });
    expect(noFile.statusCode).toBe(415);
    expect((await upload(await staffWorkbook([fulltime()]), await t.login('city'))).statusCode).toBe(403);
    expect(await count('import_jobs')).toBe(jobs);
  });

  it('reads large files on a worker thread', async () => {
    const parser = createSheetParser({ inlineBytes: 0 });
    try {
      const events: string[] = [];
      const { sheet } = await parser.parse(await staffWorkbook([fulltime({ name: '线程甲' }), fulltime({ name: '线程乙' })]), (e) => events.push(e.type)).done;
      expect(sheet.rows.map((r) => r.cells.name)).toEqual(['线程甲', '线程乙']);
      expect(events).toContain('ready');
      await expect(parser.parse(await staffWorkbook([], { headers: ['x'] }), () => {}).ready).rejects.toThrow('没有找到表头');
    } finally {
      await parser.close();
    }
  });
});

describe('a job left running by a killed process', () => {
  it('is marked failed when the platform next starts', async () => {
    const user = await t.db.selectFrom('users').select('id').where('username', '=', 'huayuan').executeTakeFirstOrThrow();
    const id = newId();
    const long = new Date(t.clock.now().getTime() - 3600_000);
    await t.db
      .insertInto('import_jobs')
      .values({ id, kind: 'staff', status: 'importing', file_name: '中断.xlsx', scope_code: HUAYUAN, created_by: user.id, created_at: long, heartbeat_at: long, payload: Buffer.from('x') })
      .execute();
    const next = await buildApp({ db: t.db, clock: t.clock, config: { ...loadConfig({}), seedDemo: false }, logger: false, databaseUrl: t.databaseUrl });
    await next.app.close();
    const j = json(await t.app.inject({ url: `/api/staff/imports/${id}`, headers: { cookie: street } }));
    expect(j.status).toBe('failed');
    expect(j.report.message).toContain('服务停止');
    expect((await t.db.selectFrom('import_jobs').select('payload').where('id', '=', id).executeTakeFirstOrThrow()).payload).toBeNull();
  });
});
