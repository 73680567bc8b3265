import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/client';
import { ManualClock } from '../../server/lib/clock';
import type { GridRegistry } from '../../server/modules/territory/grid-registry';
import { DEMO_PASSWORD } from '../../server/seed/demo.seed';
import { SEEDED_AT } from './template';
import { openTestDatabase } from './test-db';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  registry: GridRegistry;
  /** Signs a demo user in and returns the Cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The HTTP app on a fresh copy of the seeded test database, with a clock a month after seeding (or real time). */
export async function createTestApp(opts: { realTime?: boolean } = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  // A browser drops cookies that expire in its past, so a server for browser tests keeps real time.
  const clock = new ManualClock(opts.realTime ? new Date() : new Date(SEEDED_AT.getTime() + 30 * 86400_000));
  if (opts.realTime) clock.now = () => new Date();
  const config = { ...loadConfig({}), seedDemo: false };
  const { app, registry } = await buildApp({ db: handle.db, clock, config, logger: false });
  await app.ready();
  return {
    app,
    db: handle.db,
    clock,
    registry,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'wg_session');
      return `wg_session=${cookie!.value}`;
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
