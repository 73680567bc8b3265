import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPointOf } from '../common/geo/measure';
import { createTestApp, json, type TestApp } from './support/test-app';

/**
 * Several app processes on one PostgreSQL database: each has its own pool, caches and listener
 * connection, exactly as separate processes behind a reverse proxy would. (The embedded database
 * has one owner process by design, so there is nothing to share there.)
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  if (!onPostgres) return;
  a = await createTestApp();
  b = await createTestApp({ peerOf: a });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** Polls until `check` passes or the time is up; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not within ${ms} ms`);
}

describe.skipIf(!onPostgres)('two app processes on one PostgreSQL database', () => {
  it('a grid retired through one is no longer answered by the other', async () => {
    const cookieA = await a.login('aihui');
    const cookieB = await b.login('aihui');
    const g = json(await a.app.inject({ url: '/api/grids?within=231102001000&format=geojson&limit=1', headers: { cookie: cookieA } })).features[0];
    const [lng, lat] = labelPointOf(g.geometry);
    const lookupB = async () => json(await b.app.inject({ url: `/api/grids/lookup?lng=${lng}&lat=${lat}`, headers: { cookie: cookieB } }));
    expect((await lookupB()).grid?.code).toBe(g.properties.code);
    const r = await a.app.inject({ method: 'POST', url: '/api/grid-changes', headers: { cookie: cookieA }, payload: { kind: 'retire', gridCode: g.properties.code, reason: '撤销后另一进程应随之更新', apply: true } });
    expect(r.statusCode, r.body).toBe(201);
    await within(1000, async () => (await lookupB()).found === false);
  });

  it('a logout, a disabled account and a role change in one reach the other within a second', async () => {
    const cookie = await a.login('xunke');
    const meB = () => b.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect((await meB()).statusCode).toBe(200); // now cached in B
    await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    await within(1000, async () => (await meB()).statusCode === 401);

    const c2 = await a.login('wudalianchi');
    const meB2 = () => b.app.inject({ url: '/api/auth/me', headers: { cookie: c2 } });
    expect(json(await meB2()).user.scopeCode).toBe('231182000000');
    const id = (await a.db.selectFrom('users').select('id').where('username', '=', 'wudalianchi').executeTakeFirstOrThrow()).id;
    const role = await a.app.inject({ method: 'POST', url: `/api/users/${id}/role`, headers: { cookie: await a.login('secadmin') }, payload: { role: 'county_centre', scopeCode: '231183000000' } });
    expect(role.statusCode, role.body).toBe(204);
    await within(1000, async () => json(await meB2()).user?.scopeCode === '231183000000');
    await a.app.inject({ method: 'POST', url: `/api/users/${id}/status`, headers: { cookie: await a.login('admin') }, payload: { status: 'disabled' } });
    await within(1000, async () => (await meB2()).statusCode === 401);
  });

  it('login lockouts and rate limits hold across processes', async () => {
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await (i % 2 ? a : b).app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.0.1', payload: { username: 'nenjiang', password: 'wrong-password' } }));
    expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 423]);
    expect((await a.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.0.1', payload: { username: 'nenjiang', password: 'Heihe@2026' } })).statusCode).toBe(423);
    let last = 0;
    for (let i = 0; i < 22; i++) last = (await (i % 2 ? a : b).app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.0.2', payload: { username: `u${i}`, password: 'x' } })).statusCode;
    expect(last).toBe(429);
  });

  it('catches up after losing its listener connection, and checks the database while it is down', async () => {
    const cookieA = await a.login('aihui');
    const cookieB = await b.login('aihui');
    await b.built.feed.dropListener!();
    const g = json(await a.app.inject({ url: '/api/grids?within=231102002000&format=geojson&limit=1', headers: { cookie: cookieA } })).features[0];
    const [lng, lat] = labelPointOf(g.geometry);
    await a.app.inject({ method: 'POST', url: '/api/grid-changes', headers: { cookie: cookieA }, payload: { kind: 'retire', gridCode: g.properties.code, reason: '断线期间的撤销', apply: true } });
    await within(8000, async () => json(await b.app.inject({ url: `/api/grids/lookup?lng=${lng}&lat=${lat}`, headers: { cookie: cookieB } })).found === false);
  });
});
