import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../test/support/test-app';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('aihui');
});
afterAll(async () => t?.close());

async function proposedRetire(): Promise<string> {
  const g = json(await t.app.inject({ url: '/api/grids?within=231102003000&limit=1', headers: { cookie } })).items[0];
  const r = await t.app.inject({ method: 'POST', url: '/api/grid-changes', headers: { cookie }, payload: { kind: 'retire', gridCode: g.code, reason: '待审核的撤销' } });
  expect(r.statusCode, r.body).toBe(201);
  return json(r).change.id;
}

describe('cross-site requests on cookie sessions', () => {
  it('refuses a foreign-origin text/plain post that used to apply a proposed change', async () => {
    const id = await proposedRetire();
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/grid-changes/${id}/apply`,
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect(json(forged).error.message).toContain('其他网站');
    const change = json(await t.app.inject({ url: `/api/grid-changes/${id}`, headers: { cookie } })).change;
    expect(change.status).toBe('proposed');
  });

  it('refuses what the browser marks as cross-site, and non-JSON bodies from anywhere (415)', async () => {
    const id = await proposedRetire();
    const marked = await t.app.inject({ method: 'POST', url: `/api/grid-changes/${id}/withdraw`, headers: { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, payload: '{}' });
    expect(marked.statusCode).toBe(403);
    const plain = await t.app.inject({ method: 'POST', url: `/api/grid-changes/${id}/withdraw`, headers: { cookie, 'content-type': 'text/plain' }, payload: '{}' });
    expect(plain.statusCode).toBe(415);
    expect(json(plain).error.message).toContain('application/json');
    const form = await t.app.inject({ method: 'POST', url: `/api/grid-changes/${id}/withdraw`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
    expect(form.statusCode).toBe(415);
    expect(json(await t.app.inject({ url: `/api/grid-changes/${id}`, headers: { cookie } })).change.status).toBe('proposed');
    // The platform's own pages: same origin, JSON.
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/grid-changes/${id}/withdraw`,
      headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('refuses a cross-site login too (login CSRF)', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: 'city', password: 'Heihe@2026' } });
    expect(r.statusCode).toBe(403);
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For unless a proxy is configured: forged headers neither dodge the login limit nor reach the audit log', async () => {
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.7',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        payload: { username: `nobody${i}`, password: 'wrong-password' },
      });
      last = r.statusCode;
    }
    expect(last).toBe(429);
    const rows = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'auth.login_failed').execute();
    expect(JSON.stringify(rows)).not.toContain('198.51.100.');
  });

  it('takes the client address from the configured proxy only', async () => {
    const proxied = await createTestApp({ config: { trustProxy: ['127.0.0.1'] } });
    try {
      const ok = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9' }, payload: { username: 'city', password: 'Heihe@2026' } });
      expect(ok.statusCode).toBe(200);
      const viaOther = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.8', headers: { 'x-forwarded-for': '198.51.100.10' }, payload: { username: 'city', password: 'Heihe@2026' } });
      expect(viaOther.statusCode).toBe(200);
      const rows = await proxied.db.selectFrom('audit_log').select(['ip']).where('action', '=', 'auth.login').orderBy('seq', 'desc').limit(2).execute();
      expect(rows.map((r) => r.ip)).toEqual(['203.0.113.8', '198.51.100.9']);
    } finally {
      await proxied.close();
    }
  });
});
