import type { Insertable } from 'kysely';
import { AppError } from '../../../common/app-error';
import { parseIdNumber } from '../../../common/domain/id-number';
import { normalisePhone } from '../../../common/domain/phone';
import { staffRoleLabels, type DecisionKind, type StaffingSettings, type StaffRole } from '../../../common/domain/staff';
import type { AppointInput, PersonInput } from '../../../common/schemas/staff';
import type { Database } from '../../db/client';
import type { DB, GridRow, OrganisationRow, StaffRow } from '../../db/tables';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit, type AuditEntry } from '../audit/audit.service';
import { organisationsRepo } from '../organisations/organisations.repo';
import type { DivisionTree } from '../territory/division-tree';
import { gridsRepo } from '../territory/grids.repo';
import { loadProblems, resolveAssignments, type ResolvedAssignment } from './assignment-rules';
import { managesStaff, mayManagePerson } from './staff.policy';
import { staffRepo } from './staff.repo';
import { settingsOf } from './staffing-settings';

/**
 * What an appointment reads and writes. Through the API it is the database inside the request's
 * transaction; a spreadsheet import gives its own store that answers from what it preloaded and
 * from the rows before, and writes everything at the end in bulk — the rules are the same code.
 */
export interface AppointStore {
  gridByCode(code: string): Promise<GridRow | undefined>;
  orgByCode(code: string): Promise<OrganisationRow | undefined>;
  staffById(id: string): Promise<StaffRow | undefined>;
  staffByIdNumber(idNumber: string): Promise<{ id: string; name: string; township_code: string } | undefined>;
  /** The person's assignments not yet ended. */
  openAssignments(staffId: string): Promise<{ grid_id: string; role: string }[]>;
  /** How many grids the person serves in each role on `on`. */
  loads(staffId: string, on: string): Promise<{ role: string; n: number }[]>;
  settings(countyCode: string): Promise<StaffingSettings>;
  insertStaff(row: StaffRow): Promise<void>;
  insertDecision(row: Insertable<DB['staff_decisions']>): Promise<void>;
  insertAssignments(rows: Insertable<DB['staff_assignments']>[]): Promise<void>;
  audit(actor: Actor, entry: AuditEntry): Promise<void>;
}

/** The store of the API: the database, inside the given transaction. */
export function dbAppointStore(tx: Database, clock: Clock): AppointStore {
  return {
    gridByCode: (code) => gridsRepo.byCode(tx, code),
    orgByCode: (code) => organisationsRepo.byCode(tx, code),
    staffById: (id) => staffRepo.byId(tx, id),
    staffByIdNumber: (n) => staffRepo.byIdNumber(tx, n),
    openAssignments: (staffId) => staffRepo.openAssignments(tx, staffId),
    loads: async (staffId, on) => (await staffRepo.loads(tx, [staffId], on)).map((l) => ({ role: l.role, n: Number(l.n) })),
    settings: (county) => settingsOf(tx, county),
    insertStaff: async (row) => void (await staffRepo.insert(tx, row)),
    insertDecision: async (row) => void (await staffRepo.insertDecision(tx, row)),
    insertAssignments: async (rows) => void (await staffRepo.insertAssignments(tx, rows)),
    audit: (actor, entry) => writeAudit(tx, clock, actor, entry),
  };
}

export interface DecisionInput {
  effectiveOn: string;
  reason: string;
  decidingBody: string;
}

/**
 * Registering a person and appointing them (Art. 11, 13, 22, 28): the checks and the rows written,
 * whatever the store. Used by the staff service (one appointment per request) and by the import.
 */
export function createAppointer({ clock, tree }: { clock: Clock; tree: DivisionTree }) {
  async function mustGet(store: AppointStore, id: string): Promise<StaffRow> {
    const s = await store.staffById(id);
    if (!s) throw new AppError('not_found', '没有这名人员');
    return s;
  }

  async function createPerson(store: AppointStore, actor: Actor, p: PersonInput): Promise<StaffRow> {
    const township = tree.get(p.townshipCode);
    if (!township || !managesStaff(township)) throw new AppError('invalid', `${p.townshipCode} 不是街道（乡镇）或特定管理区域的区划代码`);
    if (actor.role !== 'department' && !mayManagePerson(actor, township.code)) throw new AppError('forbidden', `${township.name}不在您的管辖范围内`);
    if (actor.role === 'department' && !inScope(actor, township.code)) throw new AppError('forbidden', `${township.name}不在您单位所在的县（市、区）`);
    const id = parseIdNumber(p.idNumber);
    if (!id.ok) throw new AppError('invalid', id.message);
    const dup = await store.staffByIdNumber(id.value);
    if (dup) throw new AppError('conflict', `身份证号已登记（${dup.name}，${tree.get(dup.township_code)?.name ?? dup.township_code}），请在该人员页面调整任职`);
    const employerOrg = p.employerOrgCode ? await store.orgByCode(p.employerOrgCode) : undefined;
    if (p.employerOrgCode && !employerOrg) throw new AppError('invalid', `没有编码为 ${p.employerOrgCode} 的单位`);
    const row: StaffRow = {
      id: newId(clock.now().getTime()),
      name: p.name,
      gender: id.info.gender,
      id_number: id.value,
      birth_date: id.info.birthDate,
      phone: normalisePhone(p.phone),
      home_address: p.homeAddress || null,
      employer: p.employer ?? employerOrg?.name ?? null,
      employer_org_id: employerOrg?.id ?? null,
      user_id: null,
      township_code: township.code,
      county_code: tree.countyOf(township.code)!.code,
      contract_start: p.contractStart ?? null,
      contract_end: p.contractEnd ?? null,
      social_insurance_since: p.socialInsuranceSince ?? null,
      accident_insurance_since: p.accidentInsuranceSince ?? null,
      accident_insurance_until: p.accidentInsuranceUntil ?? null,
      status: 'active',
      created_at: clock.now(),
    };
    if (row.contract_start && row.contract_end && row.contract_end < row.contract_start) throw new AppError('invalid', '聘用合同结束日期早于开始日期');
    await store.insertStaff(row);
    await store.audit(actor, { action: 'staff.create', entity: 'staff', entityId: row.id, after: { name: row.name, townshipCode: row.township_code } });
    return row;
  }

  /** The load of each role after the change, checked against the county's limits. */
  async function checkLoads(store: AppointStore, staff: StaffRow, added: ResolvedAssignment[], ended: { role: StaffRole }[], on: string) {
    const loads = new Map<StaffRole, number>();
    for (const l of await store.loads(staff.id, on)) loads.set(l.role as StaffRole, Number(l.n));
    for (const e of ended) loads.set(e.role, (loads.get(e.role) ?? 0) - 1);
    for (const a of added) loads.set(a.spec.role, (loads.get(a.spec.role) ?? 0) + 1);
    const county = added[0]?.grid.county_code ?? staff.county_code;
    const problems = loadProblems(loads, await store.settings(county), tree.get(county)?.name ?? '本县');
    if (problems.length) throw new AppError('invalid', problems.join('；'), problems.map((message) => ({ code: 'load_limit', message })));
  }

  async function decide(store: AppointStore, actor: Actor, staffId: string, kind: DecisionKind, input: DecisionInput, summary: string) {
    const id = newId(clock.now().getTime());
    await store.insertDecision({
      id,
      staff_id: staffId,
      kind,
      effective_on: input.effectiveOn,
      reason: input.reason,
      deciding_body: input.decidingBody,
      summary,
      recorded_by: actor.id,
      recorded_at: clock.now(),
    });
    return id;
  }

  function describe(added: ResolvedAssignment[]) {
    return added.map((a) => `${staffRoleLabels[a.spec.role]}（${a.grid.code}）`).join('、');
  }

  function refuse(problems: string[]): never {
    throw new AppError('invalid', problems.join('；'), problems.map((message) => ({ code: 'assignment', message })));
  }

  async function open(store: AppointStore, staffId: string, decisionId: string, added: ResolvedAssignment[], on: string) {
    await store.insertAssignments(
      added.map((a) => ({
        id: newId(clock.now().getTime()),
        staff_id: staffId,
        grid_id: a.grid.id,
        role: a.spec.role,
        background: a.spec.background ?? null,
        source_org_id: a.sourceOrg?.id ?? null,
        division_code: a.grid.division_code,
        county_code: a.grid.county_code,
        valid_from: on,
        valid_to: null,
        opened_by: decisionId,
        closed_by: null,
      })),
    );
  }

  /** Appointment (任职) of a new or registered person; throws AppError with every problem found. Permission is the caller's to check. */
  async function appointIn(store: AppointStore, actor: Actor, input: AppointInput) {
    const staff = input.person ? await createPerson(store, actor, input.person) : await mustGet(store, input.staffId!);
    if (staff.status === 'exited') throw new AppError('invalid', `${staff.name}已退出，请重新登记后再任职`);
    const { resolved, problems } = await resolveAssignments(store, actor, staff, input.assignments, input.effectiveOn);
    const open_ = await store.openAssignments(staff.id);
    for (const r of resolved) {
      if (open_.some((o) => o.grid_id === r.grid.id && o.role === r.spec.role)) problems.push(`${staff.name}已是网格 ${r.grid.code} 的${staffRoleLabels[r.spec.role]}`);
    }
    if (problems.length) refuse(problems);
    await checkLoads(store, staff, resolved, [], input.effectiveOn);
    const summary = `任命${staff.name}为${describe(resolved)}`;
    const decision = await decide(store, actor, staff.id, 'appoint', input, summary);
    await open(store, staff.id, decision, resolved, input.effectiveOn);
    await store.audit(actor, { action: 'staff.appoint', entity: 'staff', entityId: staff.id, after: { decision, summary, effectiveOn: input.effectiveOn, decidingBody: input.decidingBody } });
    return { staffId: staff.id, decisionId: decision, summary };
  }

  return { appointIn, mustGet, checkLoads, decide, describe, refuse, open };
}
export type Appointer = ReturnType<typeof createAppointer>;
