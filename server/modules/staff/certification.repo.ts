import type { Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB } from '../../db/tables';

export const certificationRepo = {
  insertCourse(db: Database, row: Insertable<DB['training_courses']>) {
    return db.insertInto('training_courses').values(row).execute();
  },
  course(db: Database, id: string) {
    return db.selectFrom('training_courses').selectAll().where('id', '=', id).executeTakeFirst();
  },
  courses(db: Database, prefix: string, limit = 500) {
    return db
      .selectFrom('training_courses as c')
      .selectAll('c')
      .select((eb) => [
        eb.selectFrom('training_attendance as t').select((e) => e.fn.countAll<number>().as('n')).whereRef('t.course_id', '=', 'c.id').as('enrolled'),
        eb.selectFrom('training_attendance as t').select((e) => e.fn.countAll<number>().as('n')).whereRef('t.course_id', '=', 'c.id').where('t.passed', '=', true).as('passed'),
      ])
      .where('c.township_code', 'like', `${prefix}%`)
      .orderBy('c.starts_on', 'desc')
      .limit(limit)
      .execute();
  },
  attendance(db: Database, courseId: string) {
    return db
      .selectFrom('training_attendance as t')
      .innerJoin('staff as s', 's.id', 't.staff_id')
      .select(['t.staff_id', 's.name', 't.attended', 't.passed', 't.score', 't.recorded_at'])
      .where('t.course_id', '=', courseId)
      .orderBy('s.name')
      .execute();
  },
  upsertAttendance(db: Database, row: Insertable<DB['training_attendance']>) {
    return db
      .insertInto('training_attendance')
      .values(row)
      .onConflict((oc) => oc.columns(['course_id', 'staff_id']).doUpdateSet({ attended: row.attended, passed: row.passed, score: row.score, recorded_by: row.recorded_by, recorded_at: row.recorded_at }))
      .execute();
  },
  trainingOf(db: Database, staffId: string) {
    return db
      .selectFrom('training_attendance as t')
      .innerJoin('training_courses as c', 'c.id', 't.course_id')
      .select(['c.id', 'c.name', 'c.kind', 'c.starts_on', 'c.ends_on', 'c.hours', 't.attended', 't.passed', 't.score'])
      .where('t.staff_id', '=', staffId)
      .orderBy('c.starts_on', 'desc')
      .execute();
  },

  certificatesOf(db: Database, staffIds: string[]) {
    if (staffIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('certificates').selectAll().where('staff_id', 'in', staffIds).orderBy('issued_on', 'desc').execute();
  },
  certificate(db: Database, id: string) {
    return db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** How many certificates were numbered in a county in a year (the next number follows). */
  async issuedCount(db: Database, prefix: string): Promise<number> {
    const r = await db.selectFrom('certificates').select((eb) => eb.fn.countAll<number>().as('n')).where('number', 'like', `${prefix}%`).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  insertCertificate(db: Database, row: Insertable<DB['certificates']>) {
    return db.insertInto('certificates').values(row).execute();
  },
  setStatus(db: Database, id: string, status: 'valid' | 'suspended' | 'revoked', reason: string | null, at: Date) {
    return db.updateTable('certificates').set({ status, status_reason: reason, status_at: at }).where('id', '=', id).execute();
  },
  insertEvent(db: Database, row: Insertable<DB['certificate_events']>) {
    return db.insertInto('certificate_events').values(row).execute();
  },
  eventsOf(db: Database, certificateIds: string[]) {
    if (certificateIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('certificate_events as e')
      .innerJoin('users as u', 'u.id', 'e.by_user')
      .select(['e.id', 'e.certificate_id', 'e.kind', 'e.reason', 'e.at', 'u.display_name as by_name'])
      .where('e.certificate_id', 'in', certificateIds)
      .orderBy('e.at')
      .execute();
  },
  /** People with a certificate in force on `on`, among the given ones. */
  async certifiedOn(db: Database, staffIds: string[], on: string): Promise<Set<string>> {
    if (staffIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('certificates')
      .select('staff_id')
      .where('staff_id', 'in', staffIds)
      .where('status', '=', 'valid')
      .where('issued_on', '<=', on)
      .where('expires_on', '>', on)
      .execute();
    return new Set(rows.map((r) => r.staff_id));
  },

  insertWorkId(db: Database, row: Insertable<DB['work_ids']>) {
    return db.insertInto('work_ids').values(row).execute();
  },
  workIdsOf(db: Database, staffId: string) {
    return db.selectFrom('work_ids').selectAll().where('staff_id', '=', staffId).orderBy('created_at', 'desc').execute();
  },
  workId(db: Database, id: string) {
    return db.selectFrom('work_ids').selectAll().where('id', '=', id).executeTakeFirst();
  },
  workIdByRef(db: Database, ref: string) {
    return db.selectFrom('work_ids').selectAll().where('ref', '=', ref).executeTakeFirst();
  },
  revokeWorkId(db: Database, id: string, at: Date, reason: string) {
    return db.updateTable('work_ids').set({ revoked_at: at, revoked_reason: reason }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },
  revokeWorkIdsOf(db: Database, staffId: string, at: Date, reason: string) {
    return db.updateTable('work_ids').set({ revoked_at: at, revoked_reason: reason }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).execute();
  },
};
