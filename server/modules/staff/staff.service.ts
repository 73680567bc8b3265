import { AppError } from '../../../common/app-error';
import { normalisePhone } from '../../../common/domain/phone';
import { decisionKindLabels, staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import type { AdjustInput, AppointInput, ExitInput, StaffListQuery, StaffRecordsInput } from '../../../common/schemas/staff';
import type { Database } from '../../db/client';
import type { StaffRow } from '../../db/tables';
import { dayOf, type Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { usersRepo } from '../access/users.repo';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { gridsRepo } from '../territory/grids.repo';
import { createAppointer, dbAppointStore } from './appointment';
import { resolveAssignments } from './assignment-rules';
import { mayManagePerson, mayUnmask, scopePrefix } from './staff.policy';
import { presentAssignment, presentStaff } from './staff.presenter';
import { staffRepo } from './staff.repo';

export interface StaffDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
}

/**
 * The people who serve the grids and their appointments (Art. 11, 13, 20, 22, 28). Appointment,
 * adjustment and exit are decisions with a date, a reason and the deciding body; each closes and
 * opens assignments, never edits them, so who served where on any day can be answered.
 */
export function createStaffService({ db, clock, tree }: StaffDeps) {
  const today = () => dayOf(clock.now());

  const appointer = createAppointer({ clock, tree });
  const { checkLoads, decide, describe, refuse, open } = appointer;

  async function mustGet(id: string, conn: Database = db): Promise<StaffRow> {
    const s = await staffRepo.byId(conn, id);
    if (!s) throw new AppError('not_found', '没有这名人员');
    return s;
  }

  /** May the actor see this person at all: managed in its scope, or serving a grid in it. */
  async function visible(actor: Actor, s: StaffRow): Promise<boolean> {
    const prefix = scopePrefix(actor);
    if (!prefix) return false;
    if (s.township_code.startsWith(prefix)) return actor.role !== 'department' || (await sentBy(s.id, actor.orgId));
    const current = await staffRepo.assignmentsOf(db, [s.id], today());
    return current.some((a) => a.division_code.startsWith(prefix) && (actor.role !== 'department' || a.source_org_id === actor.orgId));
  }
  async function sentBy(staffId: string, orgId: string | null): Promise<boolean> {
    if (!orgId) return false;
    return (await staffRepo.assignmentsOf(db, [staffId])).some((a) => a.source_org_id === orgId);
  }

  async function mustSee(actor: Actor, id: string): Promise<StaffRow> {
    requirePermission(actor, 'staff.read', '查看网格人员');
    const s = await mustGet(id);
    if (!(await visible(actor, s))) throw new AppError('forbidden', '该人员不在您的管辖范围内');
    return s;
  }

  return {
    async list(actor: Actor, q: StaffListQuery) {
      requirePermission(actor, 'staff.read', '查看网格人员');
      const own = scopePrefix(actor);
      if (!own) return { items: [], total: 0 };
      let prefix = own;
      if (q.within) {
        if (!tree.get(q.within)) throw new AppError('not_found', `没有区划代码为 ${q.within} 的单位`);
        const p = scopePrefix({ ...actor, scopeCode: q.within });
        if (!p || !p.startsWith(own)) throw new AppError('forbidden', '所选区域不在您的管辖范围内');
        prefix = p;
      }
      const on = today();
      const filter = { prefix, role: q.role, status: q.status, q: q.q || undefined, on, sourceOrgId: actor.role === 'department' ? (actor.orgId ?? '-') : undefined };
      const rows = await staffRepo.list(db, { ...filter, limit: q.limit, offset: q.offset });
      const current = await staffRepo.assignmentsOf(db, rows.map((r) => r.id), on);
      const total = rows.length < q.limit && q.offset === 0 ? rows.length : await staffRepo.count(db, filter);
      return { items: rows.map((r) => presentStaff(r, tree, current.filter((a) => a.staff_id === r.id))), total };
    },

    /** One person with the whole history of their appointments, masked personal data. */
    async detail(actor: Actor, id: string) {
      const s = await mustSee(actor, id);
      const all = await staffRepo.assignmentsOf(db, [id]);
      const on = today();
      const current = all.filter((a) => a.valid_from <= on && (a.valid_to === null || a.valid_to > on));
      return {
        staff: {
          ...presentStaff(s, tree, current),
          socialInsuranceSince: s.social_insurance_since,
          accidentInsuranceSince: s.accident_insurance_since,
          accidentInsuranceUntil: s.accident_insurance_until,
        },
        history: all.map(presentAssignment).reverse(),
        decisions: (await staffRepo.decisionsOf(db, id)).map((d) => ({
          id: d.id,
          kind: d.kind,
          kindLabel: decisionKindLabels[d.kind],
          effectiveOn: d.effective_on,
          reason: d.reason,
          decidingBody: d.deciding_body,
          summary: d.summary,
          recordedBy: d.recorded_by_name,
          recordedAt: new Date(d.recorded_at).toISOString(),
        })),
        leave: (await staffRepo.leaveOf(db, id)).map((l) => ({ id: l.id, kind: l.kind, startsOn: l.starts_on, endsOn: l.ends_on, days: l.days, note: l.note })),
        mayUnmask: mayUnmask(actor, s.township_code),
        mayManage: mayManagePerson(actor, s.township_code),
      };
    },

    /** The personal fields in full, for the managing centre only; every use is audited with its reason. */
    async unmask(actor: Actor, id: string, fields: ('idNumber' | 'birthDate' | 'homeAddress')[], reason: string) {
      const s = await mustSee(actor, id);
      if (!mayUnmask(actor, s.township_code)) throw new AppError('forbidden', '只有管理该人员的街道（乡镇）网格化管理服务中心可以查看完整的个人信息');
      await db.transaction().execute((tx) => writeAudit(tx, clock, actor, { action: 'staff.unmask', entity: 'staff', entityId: id, after: { fields, reason } }));
      const values = { idNumber: s.id_number, birthDate: s.birth_date, homeAddress: s.home_address };
      return Object.fromEntries(fields.map((f) => [f, values[f]])) as Partial<typeof values>;
    },

    async appoint(actor: Actor, input: AppointInput) {
      requirePermission(actor, 'staff.manage', '任免网格人员');
      return db.transaction().execute((tx) => appointer.appointIn(dbAppointStore(tx, clock), actor, input));
    },

    async adjust(actor: Actor, staffId: string, input: AdjustInput) {
      requirePermission(actor, 'staff.manage', '调整网格人员');
      return db.transaction().execute(async (tx) => {
        const staff = await mustGet(staffId, tx);
        if (staff.status === 'exited') throw new AppError('invalid', `${staff.name}已退出`);
        const open_ = await staffRepo.openAssignments(tx, staff.id);
        const problems: string[] = [];
        const ending: (Awaited<ReturnType<typeof staffRepo.openAssignments>>[number] & { gridCode: string })[] = [];
        for (const e of input.end) {
          const grid = await gridsRepo.byCode(tx, e.gridCode);
          const a = grid && open_.find((o) => o.grid_id === grid.id && o.role === e.role);
          if (!a) {
            problems.push(`${staff.name}现不是网格 ${e.gridCode} 的${staffRoleLabels[e.role]}`);
            continue;
          }
          if (!inScope(actor, e.gridCode) || (actor.role === 'department' && a.source_org_id !== actor.orgId)) problems.push(`网格 ${e.gridCode} 不在您的管辖范围内`);
          if (a.valid_from > input.effectiveOn) problems.push(`网格 ${e.gridCode} 的任职始于 ${a.valid_from}，不能早于此日期结束`);
          ending.push({ ...a, gridCode: e.gridCode });
        }
        const store = dbAppointStore(tx, clock);
        const { resolved, problems: addProblems } = await resolveAssignments(store, actor, staff, input.add, input.effectiveOn);
        problems.push(...addProblems);
        for (const r of resolved) {
          const stays = open_.some((o) => o.grid_id === r.grid.id && o.role === r.spec.role && !ending.some((e) => e.id === o.id));
          if (stays) problems.push(`${staff.name}已是网格 ${r.grid.code} 的${staffRoleLabels[r.spec.role]}`);
        }
        if (problems.length) refuse(problems);
        await checkLoads(store, staff, resolved, ending, input.effectiveOn);
        const parts = [resolved.length ? `增加${describe(resolved)}` : '', ending.length ? `不再担任${ending.map((e) => `${staffRoleLabels[e.role]}（${e.gridCode}）`).join('、')}` : ''].filter(Boolean);
        const summary = `调整${staff.name}：${parts.join('；')}`;
        const decision = await decide(store, actor, staff.id, 'adjust', input, summary);
        for (const e of ending) await staffRepo.closeAssignment(tx, e.id, input.effectiveOn, decision);
        await open(store, staff.id, decision, resolved, input.effectiveOn);
        await writeAudit(tx, clock, actor, { action: 'staff.adjust', entity: 'staff', entityId: staff.id, after: { decision, summary, effectiveOn: input.effectiveOn } });
        return { staffId: staff.id, decisionId: decision, summary };
      });
    },

    /** Exit (退出): every current assignment ends on the effective date and the person is no longer active. */
    async exit(actor: Actor, staffId: string, input: ExitInput) {
      requirePermission(actor, 'staff.manage', '办理网格人员退出');
      return db.transaction().execute(async (tx) => {
        const staff = await mustGet(staffId, tx);
        if (staff.status === 'exited') throw new AppError('conflict', `${staff.name}已退出`);
        if (!mayManagePerson(actor, staff.township_code)) throw new AppError('forbidden', '只有管理该人员的街道（乡镇）或县级中心可以办理退出');
        const open_ = await staffRepo.openAssignments(tx, staff.id);
        const late = open_.find((a) => a.valid_from > input.effectiveOn);
        if (late) throw new AppError('invalid', `该人员有一项任职始于 ${late.valid_from}，退出日期不能早于此日期`);
        const summary = `${staff.name}退出（结束 ${open_.length} 项任职）`;
        const decision = await decide(dbAppointStore(tx, clock), actor, staff.id, 'exit', input, summary);
        for (const a of open_) await staffRepo.closeAssignment(tx, a.id, input.effectiveOn, decision);
        await staffRepo.update(tx, staff.id, { status: 'exited' });
        await writeAudit(tx, clock, actor, { action: 'staff.exit', entity: 'staff', entityId: staff.id, after: { decision, summary, effectiveOn: input.effectiveOn } });
        return { staffId: staff.id, decisionId: decision, summary };
      });
    },

    /** Contract, insurance and contact records (Art. 28); every change audited with before and after. */
    async updateRecords(actor: Actor, staffId: string, input: StaffRecordsInput) {
      requirePermission(actor, 'staff.manage', '登记网格人员信息');
      const s = await mustGet(staffId);
      if (!mayManagePerson(actor, s.township_code)) throw new AppError('forbidden', '只有管理该人员的街道（乡镇）或县级中心可以修改其信息');
      const set = {
        ...(input.phone !== undefined ? { phone: normalisePhone(input.phone) } : {}),
        ...(input.homeAddress !== undefined ? { home_address: input.homeAddress || null } : {}),
        ...(input.employer !== undefined ? { employer: input.employer } : {}),
        ...(input.contractStart !== undefined ? { contract_start: input.contractStart } : {}),
        ...(input.contractEnd !== undefined ? { contract_end: input.contractEnd } : {}),
        ...(input.socialInsuranceSince !== undefined ? { social_insurance_since: input.socialInsuranceSince } : {}),
        ...(input.accidentInsuranceSince !== undefined ? { accident_insurance_since: input.accidentInsuranceSince } : {}),
        ...(input.accidentInsuranceUntil !== undefined ? { accident_insurance_until: input.accidentInsuranceUntil } : {}),
      };
      const start = set.contract_start === undefined ? s.contract_start : set.contract_start;
      const end = set.contract_end === undefined ? s.contract_end : set.contract_end;
      if (start && end && end < start) throw new AppError('invalid', '聘用合同结束日期早于开始日期');
      const before = Object.fromEntries(Object.keys(set).map((k) => [k, k === 'home_address' ? '[个人信息]' : s[k as keyof StaffRow]]));
      const after = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, k === 'home_address' ? '[个人信息]' : v]));
      await db.transaction().execute(async (tx) => {
        await staffRepo.update(tx, staffId, set);
        await writeAudit(tx, clock, actor, { action: 'staff.records', entity: 'staff', entityId: staffId, before, after });
      });
    },

    async addLeave(actor: Actor, staffId: string, input: { kind: 'annual_paid' | 'other_paid'; startsOn: string; endsOn: string; days: number; note?: string | null }) {
      requirePermission(actor, 'staff.manage', '登记休假');
      const s = await mustGet(staffId);
      if (!mayManagePerson(actor, s.township_code)) throw new AppError('forbidden', '只有管理该人员的街道（乡镇）或县级中心可以登记休假');
      if (input.endsOn < input.startsOn) throw new AppError('invalid', '休假结束日期早于开始日期');
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (tx) => {
        await staffRepo.insertLeave(tx, { id, staff_id: staffId, kind: input.kind, starts_on: input.startsOn, ends_on: input.endsOn, days: input.days, note: input.note ?? null, recorded_by: actor.id, recorded_at: clock.now() });
        await writeAudit(tx, clock, actor, { action: 'staff.leave', entity: 'staff', entityId: staffId, after: { kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn, days: input.days } });
      });
      return { id };
    },

    /** Links an existing platform account (a grid worker or head) to the person, so they see their own work ID. */
    async linkAccount(actor: Actor, staffId: string, username: string) {
      requirePermission(actor, 'staff.manage', '关联平台账号');
      const s = await mustGet(staffId);
      if (!mayManagePerson(actor, s.township_code)) throw new AppError('forbidden', '只有管理该人员的街道（乡镇）或县级中心可以关联账号');
      const user = await usersRepo.byUsername(db, username);
      if (!user) throw new AppError('not_found', `没有用户名为 ${username} 的账号`);
      if (user.role !== 'grid_worker' && user.role !== 'grid_head') throw new AppError('invalid', '只能关联网格员或网格长账号');
      if (!user.scope_code || !inScope(actor, user.scope_code)) throw new AppError('forbidden', '该账号不在您的管辖范围内');
      const other = await staffRepo.byUserId(db, user.id);
      if (other && other.id !== staffId) throw new AppError('conflict', `该账号已关联${other.name}`);
      await db.transaction().execute(async (tx) => {
        await staffRepo.update(tx, staffId, { user_id: user.id });
        await writeAudit(tx, clock, actor, { action: 'staff.link_account', entity: 'staff', entityId: staffId, after: { username } });
      });
    },

    /** Who served a grid on a day (default today), by role: the registry's answer and the notice's content. */
    async servingGrid(actor: Actor, gridCode: string, on?: string) {
      requirePermission(actor, 'grid.read', '查看网格');
      const grid = await gridsRepo.byCode(db, gridCode);
      if (!grid) throw new AppError('not_found', `没有编码为 ${gridCode} 的网格`);
      const day = on ?? today();
      const rows = await staffRepo.servingGrid(db, [grid.id], day);
      return {
        gridCode,
        on: day,
        items: rows.map((r) => ({ staffId: r.staff_id, name: r.name, phone: r.phone, role: r.role as StaffRole, roleLabel: staffRoleLabels[r.role as StaffRole], background: r.background, sourceOrg: r.source_org_name, since: r.valid_from, until: r.valid_to })),
      };
    },

    /** The signed-in worker's own record and the grids they serve today, for their phone page. */
    async own(actor: Actor) {
      const s = await staffRepo.byUserId(db, actor.id);
      if (!s) throw new AppError('not_found', '您的账号没有关联网格人员档案，请联系所在街道（乡镇）网格化管理服务中心');
      const current = await staffRepo.assignmentsOf(db, [s.id], today());
      return { staffId: s.id, name: s.name, townshipName: tree.get(s.township_code)?.name ?? s.township_code, status: s.status, assignments: current.map(presentAssignment) };
    },

    /** Which grids a person served on a day. */
    async gridsOf(actor: Actor, staffId: string, on?: string) {
      await mustSee(actor, staffId);
      const day = on ?? today();
      return { staffId, on: day, items: (await staffRepo.assignmentsOf(db, [staffId], day)).map(presentAssignment) };
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
