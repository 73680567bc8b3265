import type { Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB } from '../../db/tables';

/** A change with the names of who proposed and who applied it. */
function changeQuery(db: Database) {
  return db
    .selectFrom('grid_changes as c')
    .innerJoin('users as p', 'p.id', 'c.proposed_by')
    .leftJoin('users as a', 'a.id', 'c.applied_by')
    .selectAll('c')
    .select(['p.display_name as proposer_name', 'a.display_name as applier_name']);
}

export const gridChangesRepo = {
  insert(db: Database, row: Insertable<DB['grid_changes']>) {
    return db.insertInto('grid_changes').values(row).execute();
  },
  get(db: Database, id: string) {
    return changeQuery(db).where('c.id', '=', id).executeTakeFirst();
  },
  /** Changes whose county code starts with `countyPrefix` (all when undefined), newest first. */
  list(db: Database, status: string | undefined, countyPrefix: string | undefined, limit = 200) {
    let q = changeQuery(db).orderBy('c.proposed_at', 'desc').limit(limit);
    if (status) q = q.where('c.status', '=', status as 'proposed');
    if (countyPrefix) q = q.where('c.county_code', 'like', `${countyPrefix}%`);
    return q.execute();
  },
  markApplied(db: Database, id: string, by: string, at: Date, resultCodes: string[], warnings: unknown[]) {
    return db
      .updateTable('grid_changes')
      .set({ status: 'applied', applied_by: by, applied_at: at, result_codes: JSON.stringify(resultCodes), warnings: JSON.stringify(warnings) })
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
  },
  markWithdrawn(db: Database, id: string, at: Date) {
    return db.updateTable('grid_changes').set({ status: 'withdrawn', withdrawn_at: at }).where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
  },
};

function filingQuery(db: Database) {
  return db
    .selectFrom('grid_filings as f')
    .innerJoin('grid_changes as c', 'c.id', 'f.change_id')
    .innerJoin('users as fb', 'fb.id', 'f.filed_by')
    .leftJoin('users as ab', 'ab.id', 'f.acknowledged_by')
    .selectAll('f')
    .select(['c.kind', 'c.summary', 'c.reason', 'c.result_codes', 'fb.display_name as filed_by_name', 'ab.display_name as ack_by_name']);
}

export const filingsRepo = {
  insert(db: Database, row: Insertable<DB['grid_filings']>) {
    return db.insertInto('grid_filings').values(row).execute();
  },
  list(db: Database, status: 'pending' | 'acknowledged' | 'all') {
    let q = filingQuery(db).orderBy('f.filed_at', 'desc').limit(500);
    if (status === 'pending') q = q.where('f.acknowledged_at', 'is', null);
    if (status === 'acknowledged') q = q.where('f.acknowledged_at', 'is not', null);
    return q.execute();
  },
  get(db: Database, id: string) {
    return filingQuery(db).where('f.id', '=', id).executeTakeFirst();
  },
  pendingCount(db: Database) {
    return db
      .selectFrom('grid_filings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('acknowledged_at', 'is', null)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
  acknowledge(db: Database, id: string, by: string, at: Date, note: string | null) {
    return db
      .updateTable('grid_filings')
      .set({ acknowledged_at: at, acknowledged_by: by, note })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
  },
};
