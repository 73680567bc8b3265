import { sql, type Kysely } from 'kysely';

/**
 * What an import needs beyond 0003's import_jobs: the rows read from the file (gzip-compressed
 * JSON), kept from the dry run to the import so any process can carry the import out, and emptied
 * when it ends; the phase
 * and share done, so a process that is not running the job can still show its progress; and a
 * heartbeat, so a job whose process died is told apart from one still running elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table import_jobs add column payload bytea;
alter table import_jobs add column progress jsonb;
alter table import_jobs add column heartbeat_at timestamptz;
create index import_jobs_running_idx on import_jobs(status) where status in ('checking','importing');
create index import_jobs_creator_idx on import_jobs(created_by, created_at);
`.execute(db);
}
