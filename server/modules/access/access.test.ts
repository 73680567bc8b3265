import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';
import { verifyAuditChain } from '../audit/audit.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('sign-in and sessions', () => {
  it('signs in, answers /me with role, scope and permissions, and signs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'aihui', password: 'Heihe@2026' } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/wg_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = `wg_session=${res.cookies[0].value}`;
    const me = json(await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).user;
    expect(me).toMatchObject({ username: 'aihui', role: 'county_centre', scopeCode: '231102000000', scopeName: '爱辉区' });
    expect(me.permissions).toContain('grid.apply');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(json(after).error.message).toBe('登录已过期，请重新登录');
  });

  it('refuses a wrong password with a Chinese message and locks the account after five failures', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sunwu', password: 'wrong-password' } });
      expect(r.statusCode).toBe(401);
      expect(json(r).error.message).toBe('用户名或密码错误');
    }
    const fifth = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sunwu', password: 'wrong-password' } });
    expect(fifth.statusCode).toBe(423);
    expect(json(fifth).error.message).toContain('锁定');
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sunwu', password: 'Heihe@2026' } });
    expect(right.statusCode).toBe(423);
    t.clock.advance(16 * 60_000);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sunwu', password: 'Heihe@2026' } });
    expect(later.statusCode).toBe(200);
  });

  it('does not tell unknown users from wrong passwords', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(r.statusCode).toBe(401);
    expect(json(r).error.message).toBe('用户名或密码错误');
  });

  it('rejects malformed login bodies with 400 and a Chinese message', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(r.statusCode).toBe(400);
    expect(json(r).error.message).toMatch(/请求内容有误/);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    expect(json(notJson).error.message).toBe('请求内容不是有效的 JSON');
  });

  it('requires a session for the API but not for health', async () => {
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const r = await t.app.inject({ url: '/api/grids' });
    expect(r.statusCode).toBe(401);
    expect(json(r).error.message).toBe('请先登录');
  });

  it('keeps the audit log as an intact, append-only hash chain', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['action']).execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout', 'auth.login_failed', 'auth.lock']));
    expect(await verifyAuditChain(t.db)).toBeNull();
    await expect(t.db.updateTable('audit_log').set({ actor_name: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
