import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB } from '../../db/tables';
import { dayOf, type Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { writeAudit } from '../../modules/audit/audit.service';
import { noFiguresYet } from '../../modules/staff/assessments.service';
import { newRef } from '../../modules/staff/certification.service';
import type { DivisionTree } from '../../modules/territory/division-tree';
import { CITY_CODE } from '../divisions-csv';
import { momentOf } from './days';
import { generateDemoStaff, summariseDemoStaff, type DemoStaff, type DemoStaffAccounts } from './staff';

/**
 * Writes the demo staff in one transaction with plain multi-row inserts, in the shape the staff
 * services write (see staff.ts for what the data is). Does nothing when there are staff or demo
 * service units already, or no grids. One audit entry records the load.
 */

type Table = keyof DB;
const CHUNK = 1000;

async function insertAll<T extends Table>(tx: Database, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
}

interface Account {
  username: string;
  role: string;
  scopeCode: string | null;
}

export async function seedDemoStaff(
  db: Database,
  deps: { clock: Clock; tree: DivisionTree; accounts: readonly Account[] },
  onProgress: (msg: string) => void = () => {},
): Promise<ReturnType<typeof summariseDemoStaff> | null> {
  if (await db.selectFrom('staff').select('id').limit(1).executeTakeFirst()) return null;
  if (await db.selectFrom('organisations').select('id').where('source', '=', 'demo').limit(1).executeTakeFirst()) return null;
  const { clock, tree } = deps;
  const grids = await db
    .selectFrom('grids as g')
    .innerJoin('grid_versions as v', (j) => j.onRef('v.grid_id', '=', 'g.id').on('v.valid_to', 'is', null))
    .select(['g.id', 'g.code', 'g.level', 'g.kind', 'g.parent_id', 'g.division_code', 'v.name', 'v.sub_kind', 'v.owning_unit'])
    .where('g.status', '=', 'active')
    .execute();
  if (grids.length === 0) return null;
  const users = await db.selectFrom('users as u').leftJoin('organisations as o', 'o.id', 'u.org_id').select(['u.id', 'u.username', 'u.role', 'u.scope_code', 'o.code as org_code']).execute();
  const present = new Set(users.map((u) => u.username));
  const mine = deps.accounts.filter((a) => present.has(a.username) && a.scopeCode);
  const accounts: DemoStaffAccounts = {
    stations: mine.filter((a) => a.role === 'community_station').map((a) => a.scopeCode!),
    streets: mine.filter((a) => a.role === 'street_centre').map((a) => a.scopeCode!),
    linked: mine.filter((a) => a.role === 'grid_head' || a.role === 'grid_worker').map((a) => ({ username: a.username, role: a.role as 'grid_head' | 'grid_worker', communityCode: a.scopeCode! })),
  };

  onProgress('生成演示网格人员…');
  const codeOf = new Map(grids.map((g) => [g.id, g.code]));
  const data = generateDemoStaff({
    today: dayOf(clock.now()),
    divisions: tree.all().map((d) => ({ code: d.code, parentCode: d.parentCode, name: d.name, level: d.level, kind: d.kind })),
    grids: grids.map((g) => ({
      code: g.code,
      level: g.level,
      kind: g.kind,
      parentCode: g.parent_id ? (codeOf.get(g.parent_id) ?? null) : null,
      divisionCode: g.division_code,
      name: g.name,
      subKind: g.sub_kind,
      owningUnit: g.owning_unit,
    })),
    accounts,
  });
  const summary = summariseDemoStaff(data);

  const userOf = recorders(users, tree);
  const figures = JSON.stringify(await noFiguresYet.figuresFor('', '', ''));
  await db.transaction().execute(async (tx) => {
    const at = clock.now();
    const id = () => newId(at.getTime());
    await insertAll(
      tx,
      'organisations',
      data.serviceUnits.map((u) => ({ id: id(), code: u.code, name: u.name, kind: 'service_unit' as const, sector: u.sector, division_code: u.divisionCode, source: 'demo' as const, created_at: at })),
    );
    await setPhones(tx, data);
    const orgs = new Map((await tx.selectFrom('organisations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
    const org = (code: string | null) => (code ? (orgs.get(code) ?? null) : null);
    const gridId = new Map(grids.map((g) => [g.code, g.id]));

    await insertAll(
      tx,
      'staffing_settings',
      data.settings.map((s) => ({
        county_code: s.countyCode,
        max_grids_head: s.maxGridsHead,
        max_grids_fulltime: s.maxGridsFulltime,
        max_grids_parttime: s.maxGridsParttime,
        max_grids_professional: s.maxGridsProfessional,
        fulltime_quota: s.fulltimeQuota,
        updated_by: userOf(s.by),
        updated_at: momentOf(s.updatedOn, '10:00'),
      })),
    );

    onProgress(`写入演示网格人员 ${data.people.length} 名…`);
    const account = new Map(users.map((u) => [u.username, u.id]));
    const staffId = new Map(data.people.map((p) => [p.key, id()]));
    await insertAll(
      tx,
      'staff',
      data.people.map((p) => ({
        id: staffId.get(p.key)!,
        name: p.name,
        gender: p.gender,
        id_number: p.idNumber,
        birth_date: p.birthDate,
        phone: p.phone,
        home_address: p.homeAddress,
        employer: p.employer,
        employer_org_id: org(p.employerOrgCode),
        user_id: p.account ? (account.get(p.account) ?? null) : null,
        township_code: p.townshipCode,
        county_code: p.countyCode,
        contract_start: p.contractStart,
        contract_end: p.contractEnd,
        social_insurance_since: p.socialInsuranceSince,
        accident_insurance_since: p.accidentInsuranceSince,
        accident_insurance_until: p.accidentInsuranceUntil,
        status: p.status,
        created_at: momentOf(p.createdOn, '09:30'),
      })),
    );
    const decisionId = new Map(data.decisions.map((d) => [d.key, id()]));
    await insertAll(
      tx,
      'staff_decisions',
      data.decisions.map((d) => ({
        id: decisionId.get(d.key)!,
        staff_id: staffId.get(d.personKey)!,
        kind: d.kind,
        effective_on: d.effectiveOn,
        reason: d.reason,
        deciding_body: d.decidingBody,
        summary: d.summary,
        recorded_by: userOf(d.by),
        recorded_at: momentOf(d.effectiveOn, '09:30'),
      })),
    );
    onProgress(`写入任职记录 ${data.assignments.length} 条…`);
    await insertAll(
      tx,
      'staff_assignments',
      data.assignments.map((a) => ({
        id: id(),
        staff_id: staffId.get(a.personKey)!,
        grid_id: gridId.get(a.gridCode)!,
        role: a.role,
        background: a.background,
        source_org_id: org(a.sourceOrgCode),
        division_code: a.divisionCode,
        county_code: a.countyCode,
        valid_from: a.validFrom,
        valid_to: a.validTo,
        opened_by: decisionId.get(a.openedBy)!,
        closed_by: a.closedBy ? decisionId.get(a.closedBy)! : null,
      })),
    );
    await insertAll(
      tx,
      'staff_leave',
      data.leave.map((l) => ({ id: id(), staff_id: staffId.get(l.personKey)!, kind: l.kind, starts_on: l.startsOn, ends_on: l.endsOn, days: l.days, note: l.note, recorded_by: userOf(l.by), recorded_at: momentOf(l.startsOn, '08:30') })),
    );

    onProgress('写入培训、上岗证、工作证与考核…');
    const courseId = new Map(data.courses.map((c) => [c.key, id()]));
    const courseBy = new Map(data.courses.map((c) => [c.key, c]));
    await insertAll(
      tx,
      'training_courses',
      data.courses.map((c) => ({
        id: courseId.get(c.key)!,
        name: c.name,
        kind: 'pre_job' as const,
        township_code: c.townshipCode,
        county_code: c.countyCode,
        starts_on: c.startsOn,
        ends_on: c.endsOn,
        hours: c.hours,
        location: c.location,
        created_by: userOf(c.by),
        created_at: momentOf(c.createdOn, '10:00'),
      })),
    );
    await insertAll(
      tx,
      'training_attendance',
      data.attendance.map((a) => {
        const c = courseBy.get(a.courseKey)!;
        return { course_id: courseId.get(a.courseKey)!, staff_id: staffId.get(a.personKey)!, attended: a.attended, passed: a.passed, score: a.score, recorded_by: userOf(c.by), recorded_at: momentOf(c.endsOn, '17:00') };
      }),
    );
    const certId = new Map(data.certificates.map((c) => [c.key, id()]));
    const eventMoment = (e: DemoStaff['certificates'][number]['events'][number]) => momentOf(e.on, e.kind === 'issued' ? '17:00' : '10:00');
    await insertAll(
      tx,
      'certificates',
      data.certificates.map((c) => ({
        id: certId.get(c.key)!,
        staff_id: staffId.get(c.personKey)!,
        number: c.number,
        course_id: courseId.get(c.courseKey)!,
        issued_on: c.issuedOn,
        expires_on: c.expiresOn,
        status: c.status,
        status_reason: c.statusReason,
        status_at: eventMoment(c.events[c.events.length - 1]),
        issued_by: userOf(c.by),
      })),
    );
    await insertAll(
      tx,
      'certificate_events',
      data.certificates.flatMap((c) => c.events.map((e) => ({ id: id(), certificate_id: certId.get(c.key)!, kind: e.kind, reason: e.reason, at: eventMoment(e), by_user: userOf(c.by) }))),
    );
    await insertAll(
      tx,
      'work_ids',
      data.workIds.map((w) => ({
        id: id(),
        staff_id: staffId.get(w.personKey)!,
        // Unguessable like every work ID: drawn here, not by the seeded generator.
        ref: newRef(),
        issued_on: w.issuedOn,
        expires_on: w.expiresOn,
        revoked_at: w.revokedOn ? momentOf(w.revokedOn, '10:00') : null,
        revoked_reason: w.revokedReason,
        issued_by: userOf(w.by),
        created_at: momentOf(w.issuedOn, '10:00'),
      })),
    );
    await insertAll(
      tx,
      'assessments',
      data.assessments.map((a) => ({
        id: id(),
        staff_id: staffId.get(a.personKey)!,
        kind: a.kind,
        period: a.period,
        score: a.score,
        grade: a.grade,
        remarks: a.remarks,
        assessor_id: userOf(a.assessorDivision, a.kind === 'daily' ? 'community_station' : 'street_centre'),
        assessor_division: a.assessorDivision,
        assessed_on: a.assessedOn,
        figures,
        created_at: momentOf(a.assessedOn, '15:00'),
      })),
    );
    await writeAudit(tx, clock, null, {
      action: 'seed.demo_staff',
      entity: 'staff',
      after: { ...summary, serviceUnits: data.serviceUnits.length, assignments: data.assignments.length, certificates: data.certificates.length, workIds: data.workIds.length },
    });
  });
  return summary;
}

/**
 * The account a row is recorded by: the department's own account for an organisation code, else the
 * centre of that division (a street's, or its county's). `role` asks for exactly that account.
 */
function recorders(users: readonly { id: string; role: string; scope_code: string | null; org_code: string | null }[], tree: DivisionTree) {
  const byOrg = new Map<string, string>();
  const byScope = new Map<string, string>();
  for (const u of users) {
    if (u.org_code && !byOrg.has(u.org_code)) byOrg.set(u.org_code, u.id);
    if (u.scope_code && !u.org_code && !byScope.has(`${u.role}:${u.scope_code}`)) byScope.set(`${u.role}:${u.scope_code}`, u.id);
  }
  return (by: string, role?: string): string => {
    const found = role
      ? byScope.get(`${role}:${by}`)
      : (byOrg.get(by) ?? byScope.get(`street_centre:${by.slice(0, 12)}`) ?? byScope.get(`county_centre:${tree.countyOf(by.slice(0, 12))?.code}`) ?? byScope.get(`city_centre:${CITY_CODE}`));
    if (!found) throw new Error(`演示人员数据：找不到 ${by} 的记录账号`);
    return found;
  };
}

/** Duty and complaint phones of the organisations, where none are on record yet: one statement per chunk. */
async function setPhones(tx: Database, data: DemoStaff): Promise<void> {
  for (let i = 0; i < data.orgPhones.length; i += CHUNK) {
    const rows = data.orgPhones.slice(i, i + CHUNK).map((p) => sql`(${p.code}::text, ${p.dutyPhone}::text, ${p.complaintPhone}::text)`);
    await sql`
      update organisations o
         set duty_phone = coalesce(o.duty_phone, v.duty), complaint_phone = coalesce(o.complaint_phone, v.complaint)
        from (values ${sql.join(rows)}) as v(code, duty, complaint)
       where o.code = v.code`.execute(tx);
  }
}
