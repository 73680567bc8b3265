import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { acquireDataDirLock, LOCK_FILE, type DataDirLock, type LockInfo } from './data-dir-lock';
import { PGliteDialect } from './pglite-driver';
import type { DB } from './tables';

export type Database = Kysely<DB>;
export interface DbHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL: the connection string, for the change listener's own connection. */
  databaseUrl?: string;
  /** The embedded instance, for dumping a test template. */
  pglite?: PGlite;
  /** The embedded data directory's lock, held until close. */
  lock?: DataDirLock;
  close(): Promise<void>;
}

// Timestamps travel as Date; int8 (counts) and numeric (scores, hours) as number — none of ours
// exceed 2^53 or need more than a double's precision; calendar dates as 'YYYY-MM-DD' text, so no
// time zone can shift them.
const DATE = 1082;
const NUMERIC = 1700;
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
const pgliteParsers = { [DATE]: (v: string) => v, [NUMERIC]: (v: string) => Number(v), 20: (v: string) => Number(v) };

export interface DbOptions {
  databaseUrl?: string;
  /** The data directory (the embedded database lives in its `db/`); 'memory://' for a throw-away database. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (test template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Who takes the embedded directory's lock: the server or a command-line task. */
  role?: LockInfo['role'];
  /** PostgreSQL: an idle pooled connection was ended by the server (it is replaced on demand). */
  onIdleError?: (e: Error) => void;
}

/** Where the embedded database keeps its files inside the data directory. */
export const PGLITE_SUBDIR = 'db';

/**
 * Data directories made before the database moved into `db/` held its files at the top level.
 * Moves them (PG_VERSION last, so an interrupted move is finished on the next start).
 */
function moveLegacyLayout(dir: string): void {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) return;
  const target = path.join(dir, PGLITE_SUBDIR);
  mkdirSync(target, { recursive: true });
  const entries = readdirSync(dir).filter((e) => e !== PGLITE_SUBDIR && e !== 'files' && !e.startsWith(LOCK_FILE) && e !== 'PG_VERSION');
  for (const e of entries) renameSync(path.join(dir, e), path.join(target, e));
  renameSync(path.join(dir, 'PG_VERSION'), path.join(target, 'PG_VERSION'));
}

export async function openDatabase(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection that the server ends (restart, failover, an administrator) is dropped from
    // the pool and replaced at the next query; without a listener its error would end the process.
    pool.on('error', (e) => opts.onIdleError?.(e));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', databaseUrl: opts.databaseUrl, close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? 'memory://';
  if (dir.startsWith('memory://')) {
    const lite = new PGlite({ loadDataDir: opts.loadDataDir, parsers: pgliteParsers });
    await lite.waitReady;
    const db = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
    return { db, kind: 'pglite', pglite: lite, close: () => db.destroy() };
  }
  const abs = path.resolve(dir);
  mkdirSync(abs, { recursive: true });
  const lock = acquireDataDirLock(abs, opts.role ?? 'cli');
  try {
    moveLegacyLayout(abs);
    // PGlite ignores the options argument when the data-dir argument is undefined: pass one object.
    const lite = new PGlite({ dataDir: path.join(abs, PGLITE_SUBDIR), loadDataDir: opts.loadDataDir, parsers: pgliteParsers });
    await lite.waitReady;
    const db = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
    return {
      db,
      kind: 'pglite',
      pglite: lite,
      lock,
      close: async () => {
        try {
          await db.destroy();
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
