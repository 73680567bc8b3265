import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../common/domain/id-number';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { createAccessService } from '../access/access.service';

let t: TestApp;
let county: string;
let street: string;
let otherStreet: string;
let station: string;
const HUAYUAN = '231102001000';
beforeAll(async () => {
  t = await createTestApp();
  const access = createAccessService({ db: t.db, clock: t.clock, sessionHours: 12 });
  const community = (await t.db.selectFrom('divisions').select('code').where('parent_code', '=', HUAYUAN).orderBy('code').executeTakeFirstOrThrow()).code;
  await access.createUser(null, { username: 'station1', password: 'Grid#Heihe9', role: 'community_station', scopeCode: community });
  await access.createUser(null, { username: 'xingfu', password: 'Grid#Heihe9', role: 'street_centre', scopeCode: '231102002000' });
  [county, street, otherStreet, station] = [await t.login('aihui'), await t.login('huayuan'), await t.login('xingfu', 'Grid#Heihe9'), await t.login('station1', 'Grid#Heihe9')];
});
afterAll(async () => t?.close());

const get = (url: string, cookie = street) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, payload: unknown, cookie = street, method: 'POST' | 'PUT' = 'POST') => t.app.inject({ method, url, payload: payload as object, headers: { cookie } });
let seq = 101; // odd sequence numbers: men (GB 11643)
const person = (over: Record<string, unknown> = {}) => ({
  name: '王小明',
  idNumber: makeIdNumber('231102', '1988-04-12', (seq += 2)),
  phone: '13904561234',
  homeAddress: '黑龙江省黑河市爱辉区花园街道长海小区3栋2单元501',
  townshipCode: HUAYUAN,
  contractStart: '2025-01-01',
  contractEnd: '2027-12-31',
  ...over,
});
const decision = (over: Record<string, unknown> = {}) => ({ effectiveOn: '2026-01-10', reason: '经招聘考试录用', decidingBody: '花园街道网格化管理服务中心', ...over });
async function gridsIn(division: string, kind?: string): Promise<{ code: string; kind: string }[]> {
  const items = json(await get(`/api/grids?within=${division}`)).items as { code: string; kind: string }[];
  return kind ? items.filter((g) => g.kind === kind) : items;
}

describe('organisations (Art. 4, 5)', () => {
  it('has the grid centres of every level and the linked departments and people’s organisations of the city and every county', async () => {
    const orgs = json(await get('/api/organisations?within=231102000000', county)).items as { code: string; name: string; kind: string }[];
    const names = orgs.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['爱辉区民政局', '黑河市民政局', '黑河市公安局爱辉分局', '爱辉区消防救援大队', '爱辉区总工会', '爱辉区网格化管理服务中心', '爱辉区人民政府']));
    expect(orgs.filter((o) => o.kind === 'department' && o.code.startsWith('231102')).length).toBe(19);
    const xunke = json(await get('/api/organisations?within=231123000000&kind=department', county)).items.map((o: { name: string }) => o.name);
    expect(xunke).toEqual(expect.arrayContaining(['逊克县公安局', '逊克县民政局']));
    const centres = await t.db.selectFrom('organisations').select('name').where('kind', '=', 'grid_centre').execute();
    expect(centres.length).toBe(1129);
    expect(centres.map((c) => c.name)).toEqual(expect.arrayContaining(['花园街道网格化管理服务中心']));
    expect(centres.some((c) => /社区网格化管理服务站$/.test(c.name))).toBe(true);
  });
});

describe('appointment, adjustment and exit with history (Art. 11, 13)', () => {
  it('appoints a contracted full-time worker and answers with masked personal data', async () => {
    const [g] = await gridsIn(HUAYUAN, 'urban');
    // The demo staff already serve the grid: the new worker joins them.
    const before = json(await get(`/api/grids/${g.code}/staff`, county)).items;
    const p = person();
    const r = await post('/api/staff/appointments', { person: p, assignments: [{ gridCode: g.code, role: 'fulltime' }], ...decision() });
    expect(r.statusCode, r.body).toBe(201);
    const d = json(await get(`/api/staff/${json(r).staffId}`)).staff;
    expect(d).toMatchObject({ name: '王小明', gender: 'male', roles: ['fulltime'], phone: '13904561234' });
    expect(d.idNumber).toMatch(/^2311\*{10}\d{3}[\dX]$/);
    expect(d.idNumber).not.toBe(p.idNumber);
    expect(d.birthDate).toBe('1988-**-**');
    expect(d.homeAddress).not.toContain('501');
    const onGrid = json(await get(`/api/grids/${g.code}/staff`, county)).items;
    expect(onGrid).toEqual([...before, expect.objectContaining({ name: '王小明', role: 'fulltime', phone: '13904561234' })]);
  });

  it('refuses bad people and bad assignments with Chinese messages, writing nothing', async () => {
    const [g] = await gridsIn(HUAYUAN, 'urban');
    const [micro] = json(await get(`/api/grids?within=${HUAYUAN}&level=micro`)).items;
    const before = await t.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: [unknown, number, string][] = [
      [{ person: person({ idNumber: '231102198804121235' }), assignments: [{ gridCode: g.code, role: 'fulltime' }], ...decision() }, 400, '校验位'],
      [{ person: person({ phone: '1390456' }), assignments: [{ gridCode: g.code, role: 'fulltime' }], ...decision() }, 400, '手机号'],
      [{ person: person({ contractStart: null, contractEnd: null }), assignments: [{ gridCode: g.code, role: 'fulltime' }], ...decision() }, 422, '聘用合同'],
      [{ person: person(), assignments: [{ gridCode: g.code, role: 'parttime' }], ...decision() }, 422, '身份背景'],
      [{ person: person(), assignments: [{ gridCode: g.code, role: 'professional' }], ...decision() }, 422, '派出'],
      [{ person: person(), assignments: [{ gridCode: g.code, role: 'exclusive' }], ...decision() }, 422, '专属网格'],
      [{ person: person(), assignments: [{ gridCode: g.code, role: 'building_head' }], ...decision() }, 422, '微网格'],
      [{ person: person(), assignments: [{ gridCode: micro.code, role: 'grid_head', background: 'committee' }], ...decision() }, 422, '不能任职于微网格'],
      [{ person: person(), assignments: [{ gridCode: '231102001099001', role: 'fulltime' }], ...decision() }, 422, '没有编码为'],
      [{ person: person({ name: '<b>\u200b' }), assignments: [{ gridCode: g.code, role: 'fulltime' }], ...decision() }, 400, '姓名'],
    ];
    for (const [body, status, message] of cases) {
      const r = await post('/api/staff/appointments', body);
      expect(r.statusCode, r.body).toBe(status);
      expect(json(r).error.message).toContain(message);
    }
    const [other] = await gridsIn('231102002000', 'urban');
    const out = await post('/api/staff/appointments', { person: person(), assignments: [{ gridCode: other.code, role: 'parttime', background: 'volunteer' }], ...decision() });
    expect(json(out).error.message).toContain('不在您的管辖范围内');
    const after = await t.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const dup = person();
    expect((await post('/api/staff/appointments', { person: dup, assignments: [{ gridCode: g.code, role: 'parttime', background: 'volunteer' }], ...decision() })).statusCode).toBe(201);
    const again = await post('/api/staff/appointments', { person: { ...dup, name: '王二' }, assignments: [{ gridCode: g.code, role: 'parttime', background: 'volunteer' }], ...decision() });
    expect(again.statusCode).toBe(409);
    expect(json(again).error.message).toContain('身份证号已登记');
  });

  it('answers who served a grid on a day, and which grids a person served on a day', async () => {
    const [a, b] = await gridsIn(HUAYUAN, 'urban');
    const r = json(await post('/api/staff/appointments', { person: person({ name: '李兼职' }), assignments: [{ gridCode: a.code, role: 'parttime', background: 'retired_party' }], ...decision({ effectiveOn: '2025-03-01' }) }));
    const adj = await post(`/api/staff/${r.staffId}/adjustments`, { end: [{ gridCode: a.code, role: 'parttime' }], add: [{ gridCode: b.code, role: 'parttime', background: 'retired_party' }], ...decision({ effectiveOn: '2025-09-01', reason: '工作需要调整网格' }) });
    expect(adj.statusCode, adj.body).toBe(200);
    const names = async (code: string, on: string) => (json(await get(`/api/grids/${code}/staff?on=${on}`)).items as { name: string }[]).map((x) => x.name);
    expect(await names(a.code, '2025-06-01')).toContain('李兼职');
    expect(await names(a.code, '2025-10-01')).not.toContain('李兼职');
    expect(await names(b.code, '2025-10-01')).toContain('李兼职');
    expect(await names(b.code, '2025-06-01')).not.toContain('李兼职');
    const on = async (day: string) => (json(await get(`/api/staff/${r.staffId}/grids?on=${day}`)).items as { gridCode: string }[]).map((x) => x.gridCode);
    expect(await on('2025-06-01')).toEqual([a.code]);
    expect(await on('2025-10-01')).toEqual([b.code]);
    expect(await on('2025-01-01')).toEqual([]);
    const detail = json(await get(`/api/staff/${r.staffId}`));
    expect(detail.decisions.map((d: { kind: string }) => d.kind)).toEqual(['adjust', 'appoint']);
    expect(detail.history).toHaveLength(2);

    const exit = await post(`/api/staff/${r.staffId}/exit`, decision({ effectiveOn: '2026-01-20', reason: '本人申请退出' }));
    expect(exit.statusCode, exit.body).toBe(200);
    expect(await names(b.code, '2026-01-19')).toContain('李兼职');
    expect(await names(b.code, '2026-01-20')).not.toContain('李兼职');
    expect(json(await get(`/api/staff/${r.staffId}`)).staff.status).toBe('exited');
    // History rows are never edited or removed.
    await expect(t.db.deleteFrom('staff_assignments').where('staff_id', '=', r.staffId).execute()).rejects.toThrow();
    await expect(t.db.updateTable('staff_assignments').set({ valid_from: '2020-01-01' }).where('staff_id', '=', r.staffId).execute()).rejects.toThrow();
  });

  it('holds a full-time worker to the county’s grid-load limit, which the county sets', async () => {
    const grids = await gridsIn(HUAYUAN, 'urban');
    const r = await post('/api/staff/appointments', { person: person({ name: '赵专职' }), assignments: grids.slice(1, 4).map((g) => ({ gridCode: g.code, role: 'fulltime' })), ...decision() });
    expect(r.statusCode).toBe(422);
    expect(json(r).error.message).toContain('最多对应 2 个网格');
    const set = await post('/api/staffing/settings/231102000000', { maxGridsHead: 5, maxGridsFulltime: 3, maxGridsParttime: 3, maxGridsProfessional: 30, fulltimeQuota: 500 }, county, 'PUT');
    expect(set.statusCode, set.body).toBe(200);
    expect((await post('/api/staffing/settings/231123000000', { maxGridsHead: 5, maxGridsFulltime: 3, maxGridsParttime: 3, maxGridsProfessional: 30, fulltimeQuota: null }, county, 'PUT')).statusCode).toBe(403);
    const ok = await post('/api/staff/appointments', { person: person({ name: '赵专职' }), assignments: grids.slice(1, 4).map((g) => ({ gridCode: g.code, role: 'fulltime' })), ...decision() });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('staffing gaps (Art. 11, 29)', () => {
  it('finds grids without a head or 专职 worker, exclusive grids without 专属网格员, and the quota', async () => {
    let gaps = json(await get(`/api/staffing/gaps?within=${HUAYUAN}`, county));
    expect(gaps.totals.grids).toBeGreaterThan(5);
    let [g] = gaps.grids.filter((x: { gaps: string[]; kind: string }) => x.kind === 'urban' && x.gaps.includes('no_head'));
    if (!g) {
      // The demo staff head every urban grid of the street: end one grid's heads, so it has the gap.
      g = gaps.grids.find((x: { heads: number; kind: string }) => x.kind === 'urban' && x.heads > 0);
      for (const s of json(await get(`/api/grids/${g.code}/staff`, county)).items as { staffId: string; role: string }[]) {
        if (s.role !== 'grid_head') continue;
        const end = await post(`/api/staff/${s.staffId}/adjustments`, { end: [{ gridCode: g.code, role: 'grid_head' }], add: [], ...decision({ reason: '社区“两委”换届' }) });
        expect(end.statusCode, end.body).toBe(200);
      }
      gaps = json(await get(`/api/staffing/gaps?within=${HUAYUAN}`, county));
      expect(gaps.grids.find((x: { code: string }) => x.code === g.code).gaps).toContain('no_head');
    }
    await post('/api/staff/appointments', { person: person({ name: '刘网格长', contractStart: null, contractEnd: null }), assignments: [{ gridCode: g.code, role: 'grid_head', background: 'party_org' }], ...decision() });
    const after = json(await get(`/api/staffing/gaps?within=${HUAYUAN}`, county));
    expect(after.grids.find((x: { code: string }) => x.code === g.code).gaps).not.toContain('no_head');
    expect(after.totals.byGap.no_head).toBe(gaps.totals.byGap.no_head - 1);
    const city = json(await get('/api/staffing/gaps', await t.login('city')));
    expect(city.areas.length).toBeGreaterThanOrEqual(6);
    const aihui = city.quotas.find((q: { countyCode: string }) => q.countyCode === '231102000000');
    expect(aihui).toMatchObject({ quota: 500, quotaIsDefault: false });
    expect(aihui.filled).toBeGreaterThanOrEqual(2);
    expect(aihui.vacancies).toBe(500 - aihui.filled);
    const excl = city.grids.filter((x: { kind: string }) => x.kind === 'exclusive');
    expect(excl.length).toBeGreaterThan(0);
    expect(excl.every((x: { gaps: string[] }) => !x.gaps.includes('no_fulltime'))).toBe(true);
  });
});

describe('personal data of workers', () => {
  it('shows it in full only to the managing street centre, with a reason, and audits every such read', async () => {
    const [g] = await gridsIn(HUAYUAN, 'urban');
    const p = person({ name: '孙隐私' });
    const r = json(await post('/api/staff/appointments', { person: p, assignments: [{ gridCode: g.code, role: 'parttime', background: 'volunteer' }], ...decision() }));
    const full = await post(`/api/staff/${r.staffId}/unmask`, { fields: ['idNumber', 'homeAddress'], reason: '核对社保登记信息' });
    expect(full.statusCode, full.body).toBe(200);
    expect(json(full).values).toEqual({ idNumber: p.idNumber, homeAddress: p.homeAddress });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.unmask').where('entity_id', '=', r.staffId).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).toContain('核对社保登记信息');
    expect(JSON.stringify(audit[0].after)).not.toContain(p.idNumber);
    expect((await post(`/api/staff/${r.staffId}/unmask`, { fields: ['idNumber'], reason: '县级查看' }, county)).statusCode).toBe(403);
    expect((await post(`/api/staff/${r.staffId}/unmask`, { fields: ['idNumber'], reason: '其他街道查看' }, otherStreet)).statusCode).toBe(403);
    expect((await post(`/api/staff/${r.staffId}/unmask`, { fields: ['idNumber'], reason: '' })).statusCode).toBe(400);
    const list = json(await get(`/api/staff?within=${HUAYUAN}&q=孙隐私`)).items;
    expect(JSON.stringify(list)).not.toContain(p.idNumber);
    expect((await get(`/api/staff/${r.staffId}`, otherStreet)).statusCode).toBe(403);
  });
});

describe('training, certification and work IDs (Art. 16, 27)', () => {
  it('certifies on passing pre-job training; only the certified may take matters; a revoked work ID is invalid at once', async () => {
    const [g] = await gridsIn(HUAYUAN, 'urban');
    const r = json(await post('/api/staff/appointments', { person: person({ name: '周新人' }), assignments: [{ gridCode: g.code, role: 'parttime', background: 'volunteer' }], ...decision() }));
    const cert = t.built.certification;
    await expect(cert.requireEligible(r.staffId)).rejects.toThrow('尚未通过岗前培训');
    const course = await post('/api/training/courses', { name: '2026 年第一期网格员岗前培训', kind: 'pre_job', townshipCode: HUAYUAN, startsOn: '2026-01-12', endsOn: '2026-01-14', hours: 24, location: '花园街道党群服务中心' });
    expect(course.statusCode, course.body).toBe(201);
    const courseId = json(course).id;
    expect((await post(`/api/training/courses/${courseId}/attendance`, { records: [{ staffId: r.staffId, attended: false, passed: true }] })).statusCode).toBe(422);
    const att = await post(`/api/training/courses/${courseId}/attendance`, { records: [{ staffId: r.staffId, attended: true, passed: true, score: 88 }] });
    expect(att.statusCode, att.body).toBe(200);
    expect(json(att).certificatesIssued[0]).toMatch(/^周新人：231102-2026-\d{5}$/);
    await cert.requireEligible(r.staffId);

    const record = json(await get(`/api/staff/${r.staffId}/certification`));
    const certificateId = record.certificates[0].id;
    expect((await post(`/api/certificates/${certificateId}/suspend`, { reason: '违反工作规范，停岗学习' })).statusCode).toBe(204);
    await expect(cert.requireEligible(r.staffId)).rejects.toThrow('暂停');
    expect((await post(`/api/certificates/${certificateId}/reinstate`, { reason: '学习合格' })).statusCode).toBe(204);
    await cert.requireEligible(r.staffId);

    const issued = await post(`/api/staff/${r.staffId}/work-ids`, {}, county);
    expect(issued.statusCode, issued.body).toBe(201);
    expect((await post(`/api/staff/${r.staffId}/work-ids`, {}, street)).statusCode).toBe(403);
    const { ref, id } = json(issued);
    expect(ref).toMatch(/^[a-z2-9]{26}$/);
    expect(await cert.verify(ref)).toMatchObject({ valid: true, name: '周新人', roles: ['兼职网格员'] });
    expect(await cert.verify('a'.repeat(26))).toBeNull();
    expect((await post(`/api/work-ids/${id}/revoke`, { reason: '工作证遗失' }, county)).statusCode).toBe(204);
    expect(await cert.verify(ref)).toMatchObject({ valid: false, reason: '工作证已注销' });
    const again = json(await post(`/api/staff/${r.staffId}/work-ids`, {}, county));
    expect((await cert.verify(again.ref))!.valid).toBe(true);
    expect((await post(`/api/certificates/${certificateId}/revoke`, { reason: '严重违纪' })).statusCode).toBe(204);
    expect(await cert.verify(again.ref)).toMatchObject({ valid: false });
    await expect(cert.requireEligible(r.staffId)).rejects.toThrow('吊销');
    expect((await post(`/api/certificates/${certificateId}/reinstate`, { reason: '试图恢复' })).statusCode).toBe(409);
  });
});

describe('assessments (Art. 5, 29)', () => {
  it('takes daily assessments from the community station and annual ones from the street centre', async () => {
    const station1 = (await t.db.selectFrom('users').select('scope_code').where('username', '=', 'station1').executeTakeFirstOrThrow()).scope_code!;
    const [g] = await gridsIn(station1);
    const r = json(await post('/api/staff/appointments', { person: person({ name: '吴考核' }), assignments: [{ gridCode: g.code, role: 'parttime', background: 'mediator' }], ...decision() }));
    const daily = await post('/api/assessments', { staffId: r.staffId, kind: 'daily', period: '2026-02-03', score: 92, remarks: '走访记录完整' }, station);
    expect(daily.statusCode, daily.body).toBe(201);
    expect(json(daily).gradeLabel).toBe('优秀');
    expect((await post('/api/assessments', { staffId: r.staffId, kind: 'daily', period: '2026-02-03', score: 80 }, station)).statusCode).toBe(409);
    expect((await post('/api/assessments', { staffId: r.staffId, kind: 'annual', period: '2025', score: 80 }, station)).statusCode).toBe(403);
    const annual = await post('/api/assessments', { staffId: r.staffId, kind: 'annual', period: '2025', score: 70 });
    expect(annual.statusCode, annual.body).toBe(201);
    expect(json(annual).gradeLabel).toBe('基本合格');
    expect((await post('/api/assessments', { staffId: r.staffId, kind: 'annual', period: '2027', score: 70 })).statusCode).toBe(422);
    const list = json(await get(`/api/assessments?staffId=${r.staffId}`));
    expect(list.items.map((a: { kind: string }) => a.kind).sort()).toEqual(['annual', 'daily']);
    expect(list.items[0].platformFigures).toMatchObject({ mattersReported: null });
    expect(list.figuresNote).toContain('事项');
  });
});

describe('a worker’s own page', () => {
  it('answers the signed-in worker with their own grids, and says so when the account is not linked', async () => {
    const access = createAccessService({ db: t.db, clock: t.clock, sessionHours: 12 });
    const [g] = await gridsIn(HUAYUAN, 'urban');
    await access.createUser(null, { username: 'worker1', password: 'Grid#Heihe9', role: 'grid_worker', scopeCode: g.code.slice(0, 12) });
    const worker = await t.login('worker1', 'Grid#Heihe9');
    const unlinked = await get('/api/me/staff', worker);
    expect(unlinked.statusCode).toBe(404);
    expect(json(unlinked).error.message).toContain('没有关联网格人员档案');
    const r = json(await post('/api/staff/appointments', { person: person({ name: '钱本人' }), assignments: [{ gridCode: g.code, role: 'parttime', background: 'volunteer' }], ...decision() }));
    expect((await post(`/api/staff/${r.staffId}/account`, { username: 'worker1' })).statusCode).toBe(204);
    const own = json(await get('/api/me/staff', worker));
    expect(own).toMatchObject({ staffId: r.staffId, name: '钱本人', townshipName: '花园街道', status: 'active' });
    expect(own.assignments).toEqual([expect.objectContaining({ gridCode: g.code, role: 'parttime', roleLabel: '兼职网格员' })]);
    expect(own).not.toHaveProperty('idNumber');
  });
});

describe('the management area (Art. 33)', () => {
  it('registers and appoints the staff of the 五大连池风景名胜区, which has no townships', async () => {
    const area = await t.login('fengjingqu');
    const [g] = json(await get('/api/grids?within=231171000000', area)).items;
    const r = await post('/api/staff/appointments', { person: person({ name: '景区网格员', townshipCode: '231171000000', idNumber: makeIdNumber('231182', '1990-05-05', 301) }), assignments: [{ gridCode: g.code, role: 'fulltime' }], ...decision({ decidingBody: '五大连池风景区网格化管理服务中心' }) }, area);
    expect(r.statusCode, r.body).toBe(201);
    expect(json(await get(`/api/staff/${json(r).staffId}`, area)).staff.townshipName).toBe('五大连池风景名胜区自然保护区');
  });
});
