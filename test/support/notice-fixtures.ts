import { makeIdNumber } from '../../common/domain/id-number';
import { json, type TestApp } from './test-app';

export const HUAYUAN = '231102001000';
export const AIHUI = '231102000000';

let seq = 301;

/** A person with known personal data, so tests can assert it never reaches a public page. */
export function testPerson(name: string, over: { birth?: string; townshipCode?: string; phone?: string; homeAddress?: string; employer?: string } = {}) {
  const birth = over.birth ?? '1979-03-08';
  return {
    name,
    idNumber: makeIdNumber('231102', birth, (seq += 2)),
    phone: over.phone ?? `139${String(10_000_000 + seq).slice(-8)}`,
    homeAddress: over.homeAddress ?? `黑龙江省黑河市爱辉区花园街道幸福里小区${seq}号楼`,
    employer: over.employer ?? `黑河市某某商贸有限公司${seq}`,
    townshipCode: over.townshipCode ?? HUAYUAN,
    contractStart: '2025-01-01',
    contractEnd: '2027-12-31',
    socialInsuranceSince: '2025-02-01',
  };
}
export type TestPerson = ReturnType<typeof testPerson>;

/** Staff made through the API as a street or county centre would, and the grids to put them on. */
export function staffTools(t: TestApp, cookie: string) {
  const get = (url: string, c = cookie) => t.app.inject({ url, headers: { cookie: c } });
  const post = (url: string, payload: unknown, c = cookie) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: c } });
  const decision = (effectiveOn = '2026-01-10') => ({ effectiveOn, reason: '经街道党工委研究决定', decidingBody: '花园街道网格化管理服务中心' });
  return {
    get,
    post,
    async grids(within: string, filter: { kind?: string; level?: string } = {}) {
      const items = json(await get(`/api/grids?within=${within}&level=${filter.level ?? 'grid'}`)).items as { code: string; name: string; kind: string; divisionCode: string; townshipCode: string; parentCode: string | null }[];
      return filter.kind ? items.filter((g) => g.kind === filter.kind) : items;
    },
    async appoint(p: TestPerson, assignments: { gridCode: string; role: string; background?: string; sourceOrgCode?: string }[], c = cookie): Promise<string> {
      const r = await post('/api/staff/appointments', { person: p, assignments, ...decision() }, c);
      if (r.statusCode !== 201) throw new Error(`appointment of ${p.name} failed: ${r.statusCode} ${r.body}`);
      return json(r).staffId;
    },
    async serving(code: string): Promise<{ staffId: string; name: string; phone: string; role: string }[]> {
      return json(await get(`/api/grids/${code}/staff`)).items;
    },
    /** Ends every assignment on a grid today, so the grid is vacant whatever the seed put there. */
    async vacate(code: string, today: string, c = cookie) {
      for (const s of json(await get(`/api/grids/${code}/staff`, c)).items as { staffId: string; role: string }[]) {
        const r = await post(`/api/staff/${s.staffId}/adjustments`, { end: [{ gridCode: code, role: s.role }], add: [], ...decision(today) }, c);
        if (r.statusCode !== 200) throw new Error(`could not end ${s.role} on ${code}: ${r.body}`);
      }
    },
    async setPhones(orgCode: string, phones: { dutyPhone?: string; complaintPhone?: string }, c = cookie) {
      const r = await post(`/api/organisations/${orgCode}/phones`, phones, c);
      if (r.statusCode !== 200) throw new Error(`phones of ${orgCode}: ${r.body}`);
    },
    /** Pre-job training passed and a work ID issued (the street trains, the county issues): returns the ID's ref. */
    async workId(staffId: string, countyCookie: string): Promise<{ ref: string; id: string }> {
      const course = json(await post('/api/training/courses', { name: '网格员岗前培训（公示测试）', kind: 'pre_job', townshipCode: HUAYUAN, startsOn: '2026-01-12', endsOn: '2026-01-14', hours: 24 }));
      const att = await post(`/api/training/courses/${course.id}/attendance`, { records: [{ staffId, attended: true, passed: true, score: 90 }] });
      if (att.statusCode !== 200) throw new Error(att.body);
      const issued = await post(`/api/staff/${staffId}/work-ids`, {}, countyCookie);
      if (issued.statusCode !== 201) throw new Error(issued.body);
      return json(issued);
    },
  };
}
