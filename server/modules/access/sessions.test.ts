import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { createAccessService } from './access.service';
import type { Actor } from './actor';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } });
const userId = async (username: string) => (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const admin = async (username: string, role: Actor['role']): Promise<Actor> => ({ id: await userId(username), username, displayName: username, role, scopeCode: null, department: null, orgId: null, ip: null });

describe('sessions validated from memory', () => {
  it('serves repeated requests without reading the session from the database', async () => {
    const cookie = await t.login('xunke');
    expect((await me(cookie)).statusCode).toBe(200);
    // Remove the session row behind the cache's back: the cached entry still answers, until it expires.
    await t.db.deleteFrom('sessions').where('user_id', '=', await userId('xunke')).execute();
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(31_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends a session at once on logout', async () => {
    const cookie = await t.login('sunwu');
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('applies a disabled account, a new role or a new scope on the very next request', async () => {
    const access = createAccessService({ db: t.db, clock: t.clock, sessionHours: 12 });
    // The app's own service holds the cache; changes made through it take effect at once.
    const cookie = await t.login('beian');
    expect(json(await me(cookie)).user.scopeCode).toBe('231181000000');
    const sec = await admin('secadmin', 'security_admin');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/users/${await userId('beian')}/role`,
      headers: { cookie: await t.login('secadmin') },
      payload: { role: 'county_centre', scopeCode: '231183000000' },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(json(await me(cookie)).user.scopeCode).toBe('231183000000');
    const off = await t.app.inject({ method: 'POST', url: `/api/users/${await userId('beian')}/status`, headers: { cookie: await t.login('admin') }, payload: { status: 'disabled' } });
    expect(off.statusCode, off.body).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'beian', password: 'Heihe@2026' } })).statusCode).toBe(401);
    // Kept apart: the security administrator can't disable accounts, the system administrator can't assign roles.
    await expect(access.setUserStatus(sec, await userId('xunke'), 'disabled')).rejects.toThrow('无权');
    await expect(access.setUserRole(await admin('admin', 'sys_admin'), await userId('xunke'), { role: 'county_centre', scopeCode: '231102000000' })).rejects.toThrow('无权');
  });
});
