import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB, StaffAssignmentRow } from '../../db/tables';

type Role = StaffAssignmentRow['role'];

/** An assignment in force on day `on`: started on or before it, not yet ended (valid_to is exclusive). */
function servingOn(on: string) {
  return (eb: ExpressionBuilder<DB & { a: DB['staff_assignments'] }, 'a'>) =>
    eb.and([eb('a.valid_from', '<=', on), eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', on)])]);
}

export interface StaffFilter {
  /** Significant prefix of the actor's scope: staff managed there or serving a grid there. */
  prefix: string;
  role?: Role;
  status: 'active' | 'exited' | 'all';
  q?: string;
  /** Only staff sent by this organisation (department users). */
  sourceOrgId?: string;
  on: string;
  limit: number;
  offset: number;
}

function staffWhere(f: Omit<StaffFilter, 'limit' | 'offset'>) {
  return (eb: ExpressionBuilder<DB & { s: DB['staff'] }, 's'>) => {
    const parts = [];
    const serves = eb
      .selectFrom('staff_assignments as a')
      .select('a.id')
      .whereRef('a.staff_id', '=', 's.id')
      .where(servingOn(f.on))
      .where('a.division_code', 'like', `${f.prefix}%`);
    parts.push(eb.or([eb('s.township_code', 'like', `${f.prefix}%`), eb.exists(serves)]));
    if (f.status !== 'all') parts.push(eb('s.status', '=', f.status));
    if (f.q) parts.push(eb.or([eb('s.name', 'like', `%${f.q}%`), eb('s.phone', 'like', `%${f.q}%`)]));
    if (f.role || f.sourceOrgId) {
      let r = eb.selectFrom('staff_assignments as a').select('a.id').whereRef('a.staff_id', '=', 's.id').where(servingOn(f.on));
      if (f.role) r = r.where('a.role', '=', f.role);
      if (f.sourceOrgId) r = r.where('a.source_org_id', '=', f.sourceOrgId);
      parts.push(eb.exists(r));
    }
    return eb.and(parts);
  };
}

const assignmentColumns = [
  'a.id',
  'a.staff_id',
  'a.grid_id',
  'a.role',
  'a.background',
  'a.source_org_id',
  'a.division_code',
  'a.county_code',
  'a.valid_from',
  'a.valid_to',
  'a.opened_by',
  'a.closed_by',
  'g.code as grid_code',
  'g.level as grid_level',
  'g.kind as grid_kind',
  'o.name as source_org_name',
] as const;

/** Assignments with their grid's code and the name it has now (or last had). */
function assignmentsQuery(db: Database) {
  return db
    .selectFrom('staff_assignments as a')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .leftJoin('organisations as o', 'o.id', 'a.source_org_id')
    .select(assignmentColumns)
    .select((eb) =>
      eb
        .selectFrom('grid_versions as v')
        .select('v.name')
        .whereRef('v.grid_id', '=', 'a.grid_id')
        .orderBy('v.version', 'desc')
        .limit(1)
        .as('grid_name'),
    );
}
export type AssignmentView = Awaited<ReturnType<ReturnType<typeof assignmentsQuery>['execute']>>[number];

export const staffRepo = {
  insert(db: Database, row: Insertable<DB['staff']> | Insertable<DB['staff']>[]) {
    return db.insertInto('staff').values(row).execute();
  },
  byId(db: Database, id: string) {
    return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byIdNumber(db: Database, idNumber: string) {
    return db.selectFrom('staff').select(['id', 'name', 'township_code']).where('id_number', '=', idNumber).executeTakeFirst();
  },
  byIdNumbers(db: Database, idNumbers: string[]) {
    if (idNumbers.length === 0) return Promise.resolve([]);
    return db.selectFrom('staff').select(['id', 'name', 'id_number', 'township_code']).where('id_number', 'in', idNumbers).execute();
  },
  byUserId(db: Database, userId: string) {
    return db.selectFrom('staff').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },
  update(db: Database, id: string, set: Partial<Insertable<DB['staff']>>) {
    return db.updateTable('staff').set(set).where('id', '=', id).execute();
  },

  list(db: Database, f: StaffFilter) {
    return db
      .selectFrom('staff as s')
      .select(['s.id', 's.name', 's.gender', 's.id_number', 's.birth_date', 's.phone', 's.home_address', 's.employer', 's.township_code', 's.county_code', 's.status', 's.user_id', 's.contract_start', 's.contract_end'])
      .where(staffWhere(f))
      .orderBy('s.township_code')
      .orderBy('s.name')
      .orderBy('s.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
  },
  count(db: Database, f: Omit<StaffFilter, 'limit' | 'offset'>) {
    return db
      .selectFrom('staff as s')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(staffWhere(f))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  /** Assignments of these people in force on `on` (or all of them, for a history, when `on` is undefined). */
  assignmentsOf(db: Database, staffIds: string[], on?: string) {
    if (staffIds.length === 0) return Promise.resolve([] as AssignmentView[]);
    let q = assignmentsQuery(db).where('a.staff_id', 'in', staffIds);
    if (on) q = q.where(servingOn(on));
    return q.orderBy('a.valid_from').orderBy('g.code').execute();
  },
  /** Who served a grid on `on`, with their name and phone (the notice's content). */
  servingGrid(db: Database, gridIds: string[], on: string) {
    if (gridIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('staff_assignments as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .leftJoin('organisations as o', 'o.id', 'a.source_org_id')
      .select(['a.id', 'a.grid_id', 'a.role', 'a.background', 'a.valid_from', 'a.valid_to', 's.id as staff_id', 's.name', 's.phone', 's.employer', 'o.name as source_org_name'])
      .where('a.grid_id', 'in', gridIds)
      .where(servingOn(on))
      .orderBy('a.valid_from')
      .execute();
  },
  /** Every assignment a grid ever had. */
  gridHistory(db: Database, gridId: string) {
    return db
      .selectFrom('staff_assignments as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .select(['a.id', 'a.role', 'a.valid_from', 'a.valid_to', 's.id as staff_id', 's.name'])
      .where('a.grid_id', '=', gridId)
      .orderBy('a.valid_from', 'desc')
      .execute();
  },
  openAssignments(db: Database, staffId: string) {
    return db.selectFrom('staff_assignments').selectAll().where('staff_id', '=', staffId).where('valid_to', 'is', null).execute();
  },
  /** How many grids each given person serves in each role on `on` (for the load limits). */
  loads(db: Database, staffIds: string[], on: string) {
    if (staffIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('staff_assignments as a')
      .select(['a.staff_id', 'a.role', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.staff_id', 'in', staffIds)
      .where(servingOn(on))
      .groupBy(['a.staff_id', 'a.role'])
      .execute();
  },
  insertDecision(db: Database, row: Insertable<DB['staff_decisions']> | Insertable<DB['staff_decisions']>[]) {
    return db.insertInto('staff_decisions').values(row).execute();
  },
  insertAssignments(db: Database, rows: Insertable<DB['staff_assignments']>[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('staff_assignments').values(rows).execute();
  },
  closeAssignment(db: Database, id: string, validTo: string, closedBy: string) {
    return db.updateTable('staff_assignments').set({ valid_to: validTo, closed_by: closedBy }).where('id', '=', id).where('valid_to', 'is', null).execute();
  },
  decisionsOf(db: Database, staffId: string) {
    return db
      .selectFrom('staff_decisions as d')
      .innerJoin('users as u', 'u.id', 'd.recorded_by')
      .select(['d.id', 'd.kind', 'd.effective_on', 'd.reason', 'd.deciding_body', 'd.summary', 'd.recorded_at', 'u.display_name as recorded_by_name'])
      .where('d.staff_id', '=', staffId)
      .orderBy('d.effective_on', 'desc')
      .orderBy('d.recorded_at', 'desc')
      .execute();
  },

  insertLeave(db: Database, row: Insertable<DB['staff_leave']>) {
    return db.insertInto('staff_leave').values(row).execute();
  },
  leaveOf(db: Database, staffId: string) {
    return db.selectFrom('staff_leave').selectAll().where('staff_id', '=', staffId).orderBy('starts_on', 'desc').execute();
  },

  settings(db: Database, countyCode: string) {
    return db.selectFrom('staffing_settings').selectAll().where('county_code', '=', countyCode).executeTakeFirst();
  },
  allSettings(db: Database) {
    return db.selectFrom('staffing_settings').selectAll().execute();
  },
  saveSettings(db: Database, row: Insertable<DB['staffing_settings']>) {
    return db
      .insertInto('staffing_settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('county_code').doUpdateSet({
          max_grids_head: row.max_grids_head,
          max_grids_fulltime: row.max_grids_fulltime,
          max_grids_parttime: row.max_grids_parttime,
          max_grids_professional: row.max_grids_professional,
          fulltime_quota: row.fulltime_quota,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  },

  /** Every active grid under `prefix` with the counts of its staff by role on `on`: the staffing check. */
  gridStaffCounts(db: Database, prefix: string, on: string) {
    return db
      .selectFrom('grids as g')
      .innerJoin('grid_versions as v', (j) => j.onRef('v.grid_id', '=', 'g.id').on('v.valid_to', 'is', null))
      .leftJoin('staff_assignments as a', (j) =>
        j
          .onRef('a.grid_id', '=', 'g.id')
          .on('a.valid_from', '<=', on)
          .on((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', on)])),
      )
      .select(['g.id', 'g.code', 'g.kind', 'g.division_code', 'g.township_code', 'g.county_code', 'v.name'])
      .select([
        sql<number>`count(*) filter (where a.role = 'grid_head')`.as('heads'),
        sql<number>`count(*) filter (where a.role = 'fulltime')`.as('fulltime'),
        sql<number>`count(*) filter (where a.role = 'parttime')`.as('parttime'),
        sql<number>`count(*) filter (where a.role = 'professional')`.as('professional'),
        sql<number>`count(*) filter (where a.role = 'exclusive')`.as('exclusive'),
      ])
      .where('g.status', '=', 'active')
      .where('g.level', '=', 'grid')
      .where('g.code', 'like', `${prefix}%`)
      .groupBy(['g.id', 'v.name'])
      .orderBy('g.code')
      .execute();
  },
  /** People serving more than one grid in a role on `on`, with their count (load-limit candidates). */
  multiGridLoads(db: Database, prefix: string, on: string) {
    return db
      .selectFrom('staff_assignments as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .select(['a.staff_id', 's.name', 's.county_code', 'a.role', (eb) => eb.fn.countAll<number>().as('n')])
      .where(servingOn(on))
      .where('a.division_code', 'like', `${prefix}%`)
      .groupBy(['a.staff_id', 's.name', 's.county_code', 'a.role'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
  },
  /** 专职 posts filled per county on `on` (distinct people). */
  fulltimeFilled(db: Database, prefix: string, on: string) {
    return db
      .selectFrom('staff_assignments as a')
      .select(['a.county_code', (eb) => eb.fn.count<number>('a.staff_id').distinct().as('n')])
      .where(servingOn(on))
      .where('a.role', '=', 'fulltime')
      .where('a.county_code', 'like', `${prefix.slice(0, 6)}%`)
      .groupBy('a.county_code')
      .execute();
  },
};
