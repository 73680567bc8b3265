import { sql } from 'kysely';
import type { Database } from '../../../db/client';

const viewColumns = ['id', 'kind', 'status', 'file_name', 'rows', 'processed', 'errors', 'report', 'progress', 'scope_code', 'created_by', 'created_at', 'finished_at'] as const;

export const importJobsRepo = {
  insert(db: Database, row: { id: string; file_name: string; scope_code: string; created_by: string; created_at: Date; progress: unknown }) {
    return db
      .insertInto('import_jobs')
      .values({ ...row, kind: 'staff', status: 'checking', progress: JSON.stringify(row.progress), heartbeat_at: row.created_at })
      .execute();
  },
  /** A job as polled: everything but the rows read from the file. */
  byId(db: Database, id: string) {
    return db.selectFrom('import_jobs').select(viewColumns).where('id', '=', id).executeTakeFirst();
  },
  payload(db: Database, id: string) {
    return db.selectFrom('import_jobs').select('payload').where('id', '=', id).executeTakeFirst();
  },
  /** Progress of a running job; never moves a finished one, never moves backwards within a phase. */
  progress(db: Database, id: string, set: { processed: number; rows?: number; progress: unknown; heartbeat: Date }) {
    return db
      .updateTable('import_jobs')
      .set({
        processed: set.processed,
        ...(set.rows !== undefined ? { rows: set.rows } : {}),
        progress: JSON.stringify(set.progress),
        heartbeat_at: set.heartbeat,
      })
      .where('id', '=', id)
      .where('status', 'in', ['checking', 'importing'])
      .execute();
  },
  heartbeat(db: Database, id: string, at: Date) {
    return db.updateTable('import_jobs').set({ heartbeat_at: at }).where('id', '=', id).where('status', 'in', ['checking', 'importing']).execute();
  },
  /** The end of a dry run: its report, and the rows kept for the import when the report is clean. */
  checked(db: Database, id: string, set: { rows: number; errors: number; report: unknown; payload: Buffer | null; at: Date }) {
    return db
      .updateTable('import_jobs')
      .set({
        status: 'checked',
        rows: set.rows,
        processed: set.rows,
        errors: set.errors,
        report: JSON.stringify(set.report),
        payload: set.payload,
        progress: null,
        finished_at: set.at,
      })
      .where('id', '=', id)
      .where('status', '=', 'checking')
      .execute();
  },
  /** Claims a clean dry run for importing: only one request (in any process) wins. */
  async claim(db: Database, id: string, at: Date, progress: unknown): Promise<boolean> {
    const r = await db
      .updateTable('import_jobs')
      .set({ status: 'importing', processed: 0, progress: JSON.stringify(progress), heartbeat_at: at, finished_at: null })
      .where('id', '=', id)
      .where('status', '=', 'checked')
      .where('errors', '=', 0)
      .where('payload', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  finish(db: Database, id: string, set: { status: 'done' | 'failed'; report: unknown; errors?: number; at: Date }) {
    return db
      .updateTable('import_jobs')
      .set({
        status: set.status,
        report: JSON.stringify(set.report),
        ...(set.errors !== undefined ? { errors: set.errors } : {}),
        ...(set.status === 'done' ? { processed: sql<number>`rows` } : {}),
        payload: null,
        progress: null,
        finished_at: set.at,
      })
      .where('id', '=', id)
      .where('status', 'in', ['checking', 'importing'])
      .execute();
  },
  /**
   * Jobs left running by a process that is gone (no heartbeat since `before`): failed, with why.
   * Their import transaction died with the process, so nothing of them was written.
   */
  async failInterrupted(db: Database, before: Date, at: Date, message: string): Promise<number> {
    const r = await db
      .updateTable('import_jobs')
      .set({ status: 'failed', report: JSON.stringify({ message }), payload: null, progress: null, finished_at: at })
      .where('status', 'in', ['checking', 'importing'])
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', before)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  /** Clean dry runs never imported: the rows read from the file are not kept past `before`. */
  async expireChecked(db: Database, before: Date, message: string): Promise<number> {
    const r = await db
      .updateTable('import_jobs')
      .set({ payload: null, report: sql`coalesce(report, '{}'::jsonb) || ${JSON.stringify({ expired: message })}::jsonb` })
      .where('status', '=', 'checked')
      .where('payload', 'is not', null)
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
