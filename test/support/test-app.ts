import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { openDatabase, type Database, type DbHandle } from '../../server/db/client';
import { ManualClock } from '../../server/lib/clock';
import type { GridRegistry } from '../../server/modules/territory/grid-registry';
import { DEMO_PASSWORD } from '../../server/seed/demo/demo.seed';
import { SEEDED_AT } from './template';
import { openTestDatabase } from './test-db';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  registry: GridRegistry;
  /** The whole of what buildApp made (change feed, routes, geometry pool). */
  built: App;
  /** PostgreSQL: the test database's connection string (a peer app can share it). */
  databaseUrl?: string;
  /** Signs a demo user in and returns the Cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  realTime?: boolean;
  config?: Partial<Config>;
  /** Another app process on the same PostgreSQL database as this one (its own pool and listener). */
  peerOf?: TestApp;
}

/** The HTTP app on a fresh copy of the seeded test database, with a clock a month after seeding (or real time). */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  let handle: DbHandle;
  if (opts.peerOf) {
    if (!opts.peerOf.databaseUrl) throw new Error('a peer app needs PostgreSQL');
    const h = await openDatabase({ databaseUrl: opts.peerOf.databaseUrl, poolSize: 4 });
    handle = h;
  } else handle = await openTestDatabase();
  // A browser drops cookies that expire in its past, so a server for browser tests keeps real time.
  const clock = opts.peerOf?.clock ?? new ManualClock(opts.realTime ? new Date() : new Date(SEEDED_AT.getTime() + 30 * 86400_000));
  if (opts.realTime) clock.now = () => new Date();
  // Files (photos) go to a folder of this app's own; tests run the deadline sweep themselves.
  const filesDir = mkdtempSync(path.join(tmpdir(), 'wangge-files-'));
  const config = { ...loadConfig({}), seedDemo: false, dataDir: filesDir, jobsIntervalSeconds: 0, ...opts.config };
  const built = await buildApp({ db: handle.db, clock, config, logger: false, databaseUrl: handle.databaseUrl });
  const { app, registry } = built;
  await app.ready();
  return {
    app,
    db: handle.db,
    clock,
    registry,
    built,
    databaseUrl: handle.databaseUrl,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'wg_session');
      return `wg_session=${cookie!.value}`;
    },
    async close() {
      await app.close();
      await handle.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
