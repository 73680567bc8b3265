import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/client';
import type { DB } from '../db/tables';

export const jobsRepo = {
  /** Schedules jobs; a key that exists already is left as it is (deterministic keys: a job is never queued twice). */
  schedule(db: Database, rows: Insertable<DB['jobs']>[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('jobs').values(rows).onConflict((oc) => oc.column('key').doNothing()).execute().then(() => undefined);
  },
  /**
   * Claims due jobs inside the caller's transaction: rows locked FOR UPDATE SKIP LOCKED, so another
   * process sweeping at the same moment takes other rows, never the same ones.
   */
  claim(tx: Database, now: Date, limit: number) {
    return tx
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },
  finish(tx: Database, id: string, at: Date) {
    return tx.updateTable('jobs').set({ status: 'done', done_at: at, attempts: sql`attempts + 1` }).where('id', '=', id).execute();
  },
  fail(db: Database, id: string, at: Date, error: string, giveUp: boolean) {
    return db
      .updateTable('jobs')
      .set({ status: giveUp ? 'failed' : 'pending', last_error: error.slice(0, 500), claimed_at: at, attempts: sql`attempts + 1`, due_at: giveUp ? sql`due_at` : new Date(at.getTime() + 60_000) })
      .where('id', '=', id)
      .execute();
  },
  pendingCount(db: Database) {
    return db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow().then((r) => Number(r.n));
  },
};
