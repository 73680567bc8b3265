import { AppError } from '../../../common/app-error';
import type { StaffRole } from '../../../common/domain/staff';
import { createRng, subSeed } from './random';
import { buildHistory } from './staff-history';
import { orgPhones, serviceUnits, staffingSettings } from './staff-orgs';
import { PersonMaker } from './staff-person';
import { PhonePool } from './staff-people';
import { placeGrids } from './staff-places';
import { planPosts } from './staff-posts';
import { buildAssessments, buildLeave } from './staff-records';
import { buildTraining } from './staff-training';
import type { DemoStaff, DemoStaffInput } from './staff-types';
import { DEFAULT_DEMO_SEED } from './territory';

export type * from './staff-types';

/**
 * Deterministic synthetic staff for the demo grids: service units, the organisations' phones,
 * some counties' staffing rules, about 5,500 people with their appointments, adjustments and exits,
 * contracts, insurance and leave, pre-job training, certificates, work IDs and assessments.
 * Pure: no I/O, no clock, no Math.random; the same input and seed give the same output. Every
 * date lies before `input.today`.
 */
export function generateDemoStaff(input: DemoStaffInput): DemoStaff {
  const seed = input.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(seed)) throw new AppError('bad_request', '演示数据随机种子必须是整数');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.today)) throw new AppError('bad_request', '演示人员数据需要当天日期（YYYY-MM-DD）');
  const today = input.today;
  const accounts = { stations: input.accounts?.stations ?? [], streets: input.accounts?.streets ?? [], linked: input.accounts?.linked ?? [] };
  const counties = placeGrids(input.divisions, input.grids);
  const phones = new PhonePool(createRng(subSeed(seed, 'phones')));
  const units = serviceUnits(counties, createRng(subSeed(seed, 'service-units')));
  const posts = planPosts(counties, units, seed);
  const history = buildHistory(posts, new PersonMaker(today, phones), today, seed, accounts.linked);

  const filled = new Map<string, Set<string>>();
  for (const a of history.assignments) {
    if (a.role !== 'fulltime' || a.validTo !== null) continue;
    if (!filled.has(a.countyCode)) filled.set(a.countyCode, new Set());
    filled.get(a.countyCode)!.add(a.personKey);
  }
  const training = buildTraining(history.tenures, today, seed);
  return {
    serviceUnits: units,
    orgPhones: orgPhones(input.divisions, units, phones),
    settings: staffingSettings(new Map([...filled].map(([k, v]) => [k, v.size])), today, createRng(subSeed(seed, 'settings'))),
    people: history.tenures.map((t) => t.person),
    decisions: history.decisions,
    assignments: history.assignments,
    leave: buildLeave(history.tenures, today, seed),
    ...training,
    assessments: buildAssessments(history.tenures, history.assignments, accounts, today, seed),
  };
}

/** People by the role they were recruited for (active ones), exits, and certification: for logs and the README. */
export function summariseDemoStaff(data: DemoStaff) {
  const byRole: Partial<Record<StaffRole, number>> = {};
  for (const p of data.people) if (p.status === 'active') byRole[p.role] = (byRole[p.role] ?? 0) + 1;
  const active = data.people.filter((p) => p.status === 'active');
  const certified = new Set(data.certificates.filter((c) => c.status === 'valid').map((c) => c.personKey));
  return {
    people: data.people.length,
    active: active.length,
    exited: data.people.length - active.length,
    byRole,
    certifiedShare: active.filter((p) => certified.has(p.key)).length / Math.max(1, active.length),
    workIds: data.workIds.filter((w) => !w.revokedOn).length,
  };
}
