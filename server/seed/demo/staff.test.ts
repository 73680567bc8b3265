import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridCodingRule } from '../../../common/domain/grid-code';
import { parseIdNumber } from '../../../common/domain/id-number';
import { phoneProblem } from '../../../common/domain/phone';
import { CERTIFICATE_YEARS, DEFAULT_STAFFING, gridGaps, headBackgroundLabels, parttimeBackgroundLabels, roleRules, type StaffRole } from '../../../common/domain/staff';
import { OrgCodeSchema } from '../../../common/schemas/staff';
import { readDivisions } from '../divisions-csv';
import { loadHeiheCounties } from '../heihe-source';
import { addYears } from './days';
import { generateDemoStaff, summariseDemoStaff, type DemoStaff, type DemoStaffInput } from './staff';
import { limitsOf } from './staff-orgs';
import { ageOn } from './staff-people';
import { type DemoGrid, generateDemoTerritory } from './territory';

/** Runs the staff generator on the demo territory of the real divisions and checks it against the staffing rules. */

const TODAY = '2026-01-05';
const CHANGHAI = '231102001006';
let input: DemoStaffInput;
let data: DemoStaff;
let grids: Map<string, DemoGrid>;
const divisions = readDivisions();
const countyOf = (code: string) => `${code.slice(0, 6)}000000`;

beforeAll(() => {
  const territory = generateDemoTerritory({ counties: loadHeiheCounties(divisions), divisions, rule: gridCodingRule('15') });
  grids = new Map(territory.grids.map((g) => [g.code, g]));
  input = {
    today: TODAY,
    divisions,
    grids: territory.grids.map((g) => ({ code: g.code, level: g.level, kind: g.kind, parentCode: g.parentCode, divisionCode: g.divisionCode, name: g.name, subKind: g.subKind, owningUnit: g.owningUnit })),
    accounts: {
      stations: [CHANGHAI],
      streets: ['231102001000'],
      linked: [
        { username: 'changhai-wgz', role: 'grid_head', communityCode: CHANGHAI },
        { username: 'changhai-wgy', role: 'grid_worker', communityCode: CHANGHAI },
      ],
    },
  };
  data = generateDemoStaff(input);
}, 120_000);

const current = () => data.assignments.filter((a) => a.validTo === null);
const digest = (d: DemoStaff) => createHash('sha256').update(JSON.stringify(d)).digest('hex');

describe('demo staff generator', () => {
  it('is deterministic: the same input and seed give the same data, another seed other data', () => {
    expect(digest(generateDemoStaff(input))).toBe(digest(data));
    expect(digest(generateDemoStaff({ ...input, seed: 7 }))).not.toBe(digest(data));
  });

  it('makes about 5,500 people with 专职 near the reported 1,289 and 兼职 the largest group', () => {
    const s = summariseDemoStaff(data);
    const r = s.byRole;
    expect(s.people).toBeGreaterThan(5_300);
    expect(s.people).toBeLessThan(5_900);
    expect(r.fulltime).toBeGreaterThan(1_200);
    expect(r.fulltime).toBeLessThan(1_450);
    expect(r.grid_head).toBeGreaterThan(900);
    expect(r.grid_head).toBeLessThan(1_250);
    expect(r.professional).toBeGreaterThan(400);
    expect(r.professional).toBeLessThan(700);
    expect(r.exclusive).toBeGreaterThan(30);
    expect((r.building_head ?? 0) + (r.unit_head ?? 0)).toBeGreaterThan(300);
    expect(Math.max(...Object.values(r))).toBe(r.parttime);
    expect(s.exited).toBeGreaterThan(40);
    expect(s.exited).toBeLessThan(100);
    const women = data.people.filter((p) => p.gender === 'female').length / data.people.length;
    expect(women).toBeGreaterThan(0.4);
    expect(women).toBeLessThan(0.6);
  });

  it('gives valid, unique ID numbers of the person’s county with ages 22–65, 专职 younger on average', () => {
    const seen = new Set<string>();
    for (const p of data.people) {
      const id = parseIdNumber(p.idNumber, new Date(`${TODAY}T00:00:00Z`));
      expect(id.ok, `${p.name} ${p.idNumber}`).toBe(true);
      if (!id.ok) continue;
      expect(p.idNumber.slice(0, 6)).toBe(p.countyCode.slice(0, 6));
      expect(id.info).toEqual({ birthDate: p.birthDate, gender: p.gender });
      const age = ageOn(p.birthDate, TODAY);
      expect(age).toBeGreaterThanOrEqual(22);
      expect(age).toBeLessThanOrEqual(65);
      expect(seen.has(p.idNumber)).toBe(false);
      seen.add(p.idNumber);
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
    const meanAge = (role: StaffRole) => {
      const ages = data.people.filter((p) => p.role === role).map((p) => ageOn(p.birthDate, TODAY));
      return ages.reduce((a, b) => a + b, 0) / ages.length;
    };
    expect(meanAge('fulltime')).toBeLessThan(meanAge('grid_head') - 5);
    expect(meanAge('fulltime')).toBeLessThan(meanAge('parttime') - 5);
    expect(data.people.filter((p) => p.name.length === 2).length / data.people.length).toBeGreaterThan(0.1);
  });

  it('uses only the documented demo phone ranges: unique work mobiles, Heihe landlines for the organisations', () => {
    const phones = data.people.map((p) => p.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) {
      expect(p).toMatch(/^1450456\d{4}$/);
      expect(phoneProblem(p)).toBeNull();
    }
    for (const o of data.orgPhones) {
      expect(o.dutyPhone).toMatch(/^0456-01\d{5}$/);
      expect(phoneProblem(o.dutyPhone, { allowLandline: true })).toBeNull();
    }
    const complaint = data.orgPhones.filter((o) => o.complaintPhone);
    expect(complaint.map((o) => o.code)).toEqual(expect.arrayContaining(['231102000000-wg', '231123000000-wg', '231183000000-wg']));
    const all = [...data.orgPhones.map((o) => o.dutyPhone), ...complaint.map((o) => o.complaintPhone)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('has 5 utilities and 2–3 property companies per county, coded like the reference organisations', () => {
    for (const county of ['231102000000', '231123000000', '231124000000', '231181000000', '231182000000', '231183000000']) {
      const units = data.serviceUnits.filter((u) => u.divisionCode === county);
      expect(units.filter((u) => u.sector !== 'wy').map((u) => u.sector).sort()).toEqual(['gd', 'gr', 'gs', 'ps', 'rq']);
      expect(units.filter((u) => u.sector === 'wy').length).toBeGreaterThanOrEqual(2);
      expect(units.filter((u) => u.sector === 'wy').length).toBeLessThanOrEqual(3);
    }
    for (const u of data.serviceUnits) expect(OrgCodeSchema.safeParse(u.code).success).toBe(true);
    expect(new Set(data.serviceUnits.map((u) => u.name)).size).toBe(data.serviceUnits.length);
  });

  it('keeps every assignment to the rules of Art. 11, 20 and 22 (level, exclusive grids, backgrounds, sending units)', () => {
    const people = new Map(data.people.map((p) => [p.key, p]));
    const units = new Set(data.serviceUnits.map((u) => u.code));
    for (const a of data.assignments) {
      const g = grids.get(a.gridCode)!;
      const p = people.get(a.personKey)!;
      const rule = roleRules[a.role];
      const where = `${p.name} ${a.role} ${a.gridCode}`;
      expect(g.level, where).toBe(rule.level);
      if (rule.exclusiveOnly) expect(g.kind, where).toBe('exclusive');
      if (rule.background === 'head') expect(Object.keys(headBackgroundLabels), where).toContain(a.background);
      else if (rule.background === 'parttime') expect(Object.keys(parttimeBackgroundLabels), where).toContain(a.background);
      else expect(a.background, where).toBeNull();
      if (rule.needsSourceOrg) {
        expect(a.sourceOrgCode, where).toBeTruthy();
        const [division, key] = a.sourceOrgCode!.split('-');
        expect(division, where).toBe(countyOf(a.gridCode));
        expect(units.has(a.sourceOrgCode!) || ['ga', 'sfxz', 'cg'].includes(key), where).toBe(true);
      } else expect(a.sourceOrgCode, where).toBeNull();
      if (rule.contracted) {
        expect(p.contractStart && p.contractEnd, where).toBeTruthy();
        expect(p.contractEnd! >= a.validFrom, where).toBe(true);
      }
      if (a.role === 'exclusive') expect(p.employer).toBe(g.owningUnit);
      // The grid's own division and county; the person is managed by the township of the grid.
      expect(a.divisionCode).toBe(g.divisionCode);
      expect(a.countyCode).toBe(countyOf(g.divisionCode));
      expect(p.townshipCode).toBe(`${g.divisionCode.slice(0, 9)}000`);
    }
    for (const p of data.people) expect(p.contractStart !== null).toBe(p.role === 'fulltime');
  });

  it('keeps decisions and assignments consistent: each opens on its decision’s date and closes on the next one’s', () => {
    const decisions = new Map(data.decisions.map((d) => [d.key, d]));
    const people = new Map(data.people.map((p) => [p.key, p]));
    for (const a of data.assignments) {
      const open = decisions.get(a.openedBy)!;
      expect(open.personKey).toBe(a.personKey);
      expect(open.effectiveOn).toBe(a.validFrom);
      expect(open.kind).not.toBe('exit');
      expect(open.summary).toContain(a.gridCode);
      if (a.closedBy) {
        const close = decisions.get(a.closedBy)!;
        expect(close.personKey).toBe(a.personKey);
        expect(close.effectiveOn).toBe(a.validTo);
        expect(a.validTo! > a.validFrom).toBe(true);
      } else expect(a.validTo).toBeNull();
      expect(a.validFrom < TODAY).toBe(true);
    }
    for (const d of data.decisions) expect(d.effectiveOn < TODAY && d.effectiveOn >= '2023-01-01').toBe(true);
    const open = current();
    expect(new Set(open.map((a) => `${a.personKey}|${a.gridCode}|${a.role}`)).size).toBe(open.length);
    const byPerson = new Map<string, typeof data.assignments>();
    for (const a of data.assignments) byPerson.set(a.personKey, [...(byPerson.get(a.personKey) ?? []), a]);
    for (const p of data.people) {
      const mine = byPerson.get(p.key) ?? [];
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.some((a) => a.validTo === null)).toBe(p.status === 'active');
      expect(p.createdOn).toBe(mine.map((a) => a.validFrom).sort()[0]);
    }
    const kinds = (k: string) => data.decisions.filter((d) => d.kind === k).length;
    expect(kinds('exit')).toBe(data.people.filter((p) => p.status === 'exited').length);
    expect(kinds('adjust')).toBeGreaterThan(20);
    // Most appointments fall between the regulation's first months and the end of the year before.
    const appoint = data.decisions.filter((d) => d.kind === 'appoint');
    expect(appoint.filter((d) => d.effectiveOn >= '2023-06-01' && d.effectiveOn < '2026-01-01').length / appoint.length).toBeGreaterThan(0.95);
    expect(people.get(data.decisions[0].personKey)).toBeTruthy();
  });

  it('leaves realistic gaps: most rural grids without 专职, few urban street grids, a few grids without a head', () => {
    const counts = new Map<string, { heads: number; fulltime: number; exclusive: number }>();
    for (const a of current()) {
      const c = counts.get(a.gridCode) ?? { heads: 0, fulltime: 0, exclusive: 0 };
      if (a.role === 'grid_head') c.heads++;
      else if (a.role === 'fulltime') c.fulltime++;
      else if (a.role === 'exclusive') c.exclusive++;
      counts.set(a.gridCode, c);
    }
    const streets = new Set(divisions.filter((d) => d.kind === 'street').map((d) => d.code));
    const tally = { all: [0, 0], rural: [0, 0], street: [0, 0], head: [0, 0], exclusive: [0, 0] };
    for (const g of grids.values()) {
      if (g.level !== 'grid' || g.divisionCode.startsWith('231171')) continue;
      const gaps = gridGaps({ kind: g.kind, ...(counts.get(g.code) ?? { heads: 0, fulltime: 0, exclusive: 0 }) });
      const count = (k: keyof typeof tally, yes: boolean) => {
        tally[k][0]++;
        if (yes) tally[k][1]++;
      };
      count('head', gaps.includes('no_head'));
      if (g.kind === 'exclusive') count('exclusive', gaps.includes('no_exclusive'));
      else {
        count('all', gaps.includes('no_fulltime'));
        if (g.kind === 'rural') count('rural', gaps.includes('no_fulltime'));
        if (g.kind === 'urban' && streets.has(`${g.divisionCode.slice(0, 9)}000`)) count('street', gaps.includes('no_fulltime'));
      }
    }
    const share = (k: keyof typeof tally) => tally[k][1] / tally[k][0];
    expect(share('all')).toBeGreaterThan(0.55);
    expect(share('all')).toBeLessThan(0.7);
    expect(share('rural')).toBeGreaterThan(0.6);
    expect(share('street')).toBeLessThan(0.15);
    expect(share('head')).toBeGreaterThan(0.01);
    expect(share('head')).toBeLessThan(0.05);
    expect(tally.exclusive[1]).toBeGreaterThan(0);
    expect(share('exclusive')).toBeLessThan(0.3);
  });

  it('keeps loads within the county limits except a few 专职 on three grids where the limit is two', () => {
    const settings = new Map(data.settings.map((s) => [s.countyCode, s]));
    const loads = new Map<string, { role: StaffRole; county: string; n: number }>();
    for (const a of current()) {
      const k = `${a.personKey}|${a.role}`;
      const l = loads.get(k) ?? { role: a.role, county: a.countyCode, n: 0 };
      l.n++;
      loads.set(k, l);
    }
    const over: { role: StaffRole; county: string; n: number }[] = [];
    for (const l of loads.values()) {
      const key = roleRules[l.role].limit;
      if (!key) continue;
      const limits = settings.get(l.county) ?? DEFAULT_STAFFING;
      expect(limitsOf(l.county)[key]).toBe(limits[key]);
      if (l.n > limits[key]) over.push(l);
    }
    expect(over.length).toBeGreaterThanOrEqual(3);
    expect(over.length).toBeLessThanOrEqual(6);
    for (const o of over) expect(o).toMatchObject({ role: 'fulltime', n: 3 });
    expect(over.every((o) => (settings.get(o.county)?.maxGridsFulltime ?? DEFAULT_STAFFING.maxGridsFulltime) === 2)).toBe(true);
    // Each head serves two to five grids of one community (or the single grid of a small one).
    const communities = new Map<string, Set<string>>();
    for (const a of current()) if (a.role === 'grid_head') communities.set(a.personKey, (communities.get(a.personKey) ?? new Set()).add(a.divisionCode));
    for (const c of communities.values()) expect(c.size).toBe(1);
    for (const l of loads.values()) if (l.role === 'grid_head') expect(l.n).toBeLessThanOrEqual(5);
  });

  it('sets rules and a quota above the filled posts for some counties, the others on defaults', () => {
    expect(data.settings.map((s) => s.countyCode).sort()).toEqual(['231102000000', '231181000000', '231183000000']);
    for (const s of data.settings) {
      const filled = new Set(current().filter((a) => a.role === 'fulltime' && a.countyCode === s.countyCode).map((a) => a.personKey)).size;
      expect(s.fulltimeQuota!).toBeGreaterThan(filled);
      expect(s.updatedOn < TODAY).toBe(true);
    }
  });

  it('trains and certifies most workers, numbered per county and year, with a few suspended or revoked and new ones not yet certified', () => {
    const s = summariseDemoStaff(data);
    expect(s.certifiedShare).toBeGreaterThan(0.6);
    expect(s.certifiedShare).toBeLessThan(0.85);
    const numbers = data.certificates.map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const people = new Map(data.people.map((p) => [p.key, p]));
    const perPrefix = new Map<string, number[]>();
    for (const c of data.certificates) {
      expect(c.number).toMatch(/^\d{6}-\d{4}-\d{5}$/);
      expect(c.number.slice(0, 6)).toBe(people.get(c.personKey)!.countyCode.slice(0, 6));
      expect(c.number.slice(7, 11)).toBe(c.issuedOn.slice(0, 4));
      expect(c.expiresOn).toBe(addYears(c.issuedOn, CERTIFICATE_YEARS));
      expect(c.expiresOn > TODAY).toBe(true);
      expect(c.events[0]).toMatchObject({ kind: 'issued', on: c.issuedOn });
      const list = perPrefix.get(c.number.slice(0, 12)) ?? [];
      list.push(Number(c.number.slice(12)));
      perPrefix.set(c.number.slice(0, 12), list);
      const course = data.courses.find((x) => x.key === c.courseKey)!;
      expect(course.townshipCode).toBe(people.get(c.personKey)!.townshipCode);
      expect(data.attendance.some((a) => a.courseKey === c.courseKey && a.personKey === c.personKey && a.passed)).toBe(true);
    }
    // Contiguous from 00001, so the service's next number (count + 1) follows on.
    for (const list of perPrefix.values()) expect(list.sort((a, b) => a - b)).toEqual(list.map((_, i) => i + 1));
    const status = (k: string) => data.certificates.filter((c) => c.status === k).length;
    expect(status('suspended')).toBeGreaterThanOrEqual(3);
    expect(status('suspended')).toBeLessThanOrEqual(10);
    expect(status('revoked')).toBeGreaterThanOrEqual(1);
    expect(status('revoked')).toBeLessThanOrEqual(2);
    const certified = new Set(data.certificates.map((c) => c.personKey));
    expect(data.people.filter((p) => p.status === 'active' && p.role === 'fulltime' && !certified.has(p.key)).length).toBeGreaterThan(20);
    for (const a of data.attendance) if (a.passed) expect(a.attended).toBe(true);
    const townships = new Set(data.people.map((p) => p.townshipCode));
    for (const t of townships) {
      const n = data.courses.filter((c) => c.townshipCode === t).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(2);
    }
    for (const c of data.courses) expect(c.endsOn < TODAY && c.createdOn < c.startsOn).toBe(true);
  });

  it('gives work IDs to most certified 专职 and to the linked accounts, never before the certificate', () => {
    const certs = new Map(data.certificates.map((c) => [c.personKey, c]));
    for (const w of data.workIds) {
      const c = certs.get(w.personKey)!;
      expect(c).toBeTruthy();
      expect(w.issuedOn >= c.issuedOn && w.issuedOn < TODAY).toBe(true);
      expect(w.expiresOn).toBe(c.expiresOn);
    }
    const fulltime = data.people.filter((p) => p.role === 'fulltime' && p.status === 'active' && certs.get(p.key)?.status === 'valid');
    const withId = new Set(data.workIds.filter((w) => !w.revokedOn).map((w) => w.personKey));
    expect(fulltime.filter((p) => withId.has(p.key)).length / fulltime.length).toBeGreaterThan(0.7);
    for (const username of ['changhai-wgy', 'changhai-wgz']) {
      const p = data.people.find((x) => x.account === username)!;
      expect(p, username).toBeTruthy();
      expect(certs.get(p.key)?.status).toBe('valid');
      expect(withId.has(p.key)).toBe(true);
      expect(current().some((a) => a.personKey === p.key && a.divisionCode === CHANGHAI)).toBe(true);
    }
  });

  it('records contracts, insurance and paid leave of 专职, and assessments by the demo station and street', () => {
    const fulltime = data.people.filter((p) => p.role === 'fulltime' && p.status === 'active');
    expect(fulltime.filter((p) => p.socialInsuranceSince).length / fulltime.length).toBeGreaterThan(0.85);
    expect(fulltime.filter((p) => p.accidentInsuranceSince).length / fulltime.length).toBeGreaterThan(0.85);
    for (const p of fulltime) expect(p.contractEnd! > TODAY).toBe(true);
    expect(data.leave.length).toBeGreaterThan(100);
    for (const l of data.leave) expect(l.startsOn <= l.endsOn && l.endsOn < TODAY && l.days > 0).toBe(true);
    const daily = data.assessments.filter((a) => a.kind === 'daily');
    const annual = data.assessments.filter((a) => a.kind === 'annual');
    expect(daily.length).toBeGreaterThan(5);
    expect(daily.every((a) => a.assessorDivision === CHANGHAI && a.period < TODAY && a.assessedOn >= a.period)).toBe(true);
    expect(annual.length).toBeGreaterThan(20);
    expect(annual.every((a) => a.assessorDivision === '231102001000' && ['2024', '2025'].includes(a.period))).toBe(true);
    expect(new Set(data.assessments.map((a) => `${a.personKey}|${a.kind}|${a.period}`)).size).toBe(data.assessments.length);
  });
});
