import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGliteDialect } from './pglite-driver';
import type { DB } from './tables';

export type Database = Kysely<DB>;
export interface DbHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, for dumping a test template. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Timestamps travel as Date; int8 (counts) as number — none of ours exceed 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface DbOptions {
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (test template). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(path.resolve(dir), { recursive: true });
  // PGlite ignores the options argument when the data-dir argument is undefined: pass one object.
  const lite = new PGlite({
    dataDir: dir.startsWith('memory://') ? undefined : path.resolve(dir),
    loadDataDir: opts.loadDataDir,
  });
  await lite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
  return { db, kind: 'pglite', pglite: lite, close: () => db.destroy() };
}
