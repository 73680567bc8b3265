import pg from 'pg';
import { prepareDatabase } from '../../server/bootstrap';
import { openDatabase } from '../../server/db/client';
import { ManualClock } from '../../server/lib/clock';

/** The moment every test database's history starts at (demo grids are valid from here). */
export const SEEDED_AT = new Date('2026-01-05T08:00:00+08:00');

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs a statement on the server's maintenance database (CREATE/DROP DATABASE can't run in a transaction). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Builds a fully seeded database (real divisions, demo accounts and demo grids) to copy per test file. */
export async function buildTemplate(target: { databaseUrl?: string }): Promise<Blob | null> {
  const h = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: 'memory://', poolSize: 2 });
  await prepareDatabase(h.db, { clock: new ManualClock(SEEDED_AT), config: { gridCodeScheme: '15' }, demo: true });
  if (h.kind === 'postgres') {
    await h.close();
    return null;
  }
  // Reach the PGlite instance through the dialect to dump its data directory.
  const blob = await dumpPglite(h);
  await h.close();
  return blob;
}

async function dumpPglite(h: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!h.pglite) throw new Error('not a PGlite handle');
  return (await h.pglite.dumpDataDir('none')) as Blob;
}
