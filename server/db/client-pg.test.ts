import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { adminQuery } from '../../test/support/template';
import { openTestDatabase } from '../../test/support/test-db';

const onPostgres = !!process.env.TEST_DATABASE_URL;
describe.skipIf(!onPostgres)('the PostgreSQL pool', () => {
  it('survives the server ending its idle connections (a restart), and reconnects at the next query', async () => {
    const h = await openTestDatabase();
    const errors: unknown[] = [];
    const onUncaught = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const me = (await sql<{ db: string }>`select current_database() as db`.execute(h.db)).rows[0].db;
      await adminQuery(process.env.TEST_DATABASE_URL!, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${me}' and pid <> pg_backend_pid()`);
      await new Promise((r) => setTimeout(r, 200));
      const n = (await sql<{ n: number }>`select 1 as n`.execute(h.db)).rows[0].n;
      expect(n).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await h.close();
    }
  });
});
