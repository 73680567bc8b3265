import type { Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB } from '../../db/tables';

export const assessmentsRepo = {
  insert(db: Database, row: Insertable<DB['assessments']>) {
    return db.insertInto('assessments').values(row).onConflict((oc) => oc.columns(['staff_id', 'kind', 'period']).doNothing()).execute();
  },
  list(db: Database, f: { prefix: string; kind?: 'daily' | 'annual'; period?: string; staffId?: string; limit: number }) {
    let q = db
      .selectFrom('assessments as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .innerJoin('users as u', 'u.id', 'a.assessor_id')
      .select(['a.id', 'a.staff_id', 's.name as staff_name', 's.township_code', 'a.kind', 'a.period', 'a.score', 'a.grade', 'a.remarks', 'a.assessed_on', 'a.assessor_division', 'u.display_name as assessor_name', 'a.figures'])
      // Managed in the area, assessed by a unit in it (a community station's own daily assessments),
      // or of someone who serves or served a grid in it.
      .where((eb) =>
        eb.or([
          eb('s.township_code', 'like', `${f.prefix}%`),
          eb('a.assessor_division', 'like', `${f.prefix}%`),
          eb.exists(eb.selectFrom('staff_assignments as sa').select('sa.id').whereRef('sa.staff_id', '=', 'a.staff_id').where('sa.division_code', 'like', `${f.prefix}%`)),
        ]),
      );
    if (f.kind) q = q.where('a.kind', '=', f.kind);
    if (f.period) q = q.where('a.period', 'like', `${f.period}%`);
    if (f.staffId) q = q.where('a.staff_id', '=', f.staffId);
    return q.orderBy('a.assessed_on', 'desc').orderBy('s.name').limit(f.limit).execute();
  },
};
