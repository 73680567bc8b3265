import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../test/support/test-app';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('aihui');
});
afterAll(async () => t?.close());

/** Strings PostgreSQL refuses or that hide content, as they travel in JSON (escaped) and in URLs. */
const BAD_JSON = ['"a\\u0000b"', '"\\ud800"', '"x\\udfffy"', '"a\\u0007b"', '"\\u001b[31m红\\u001b[0m"'];
const BAD_URL = ['a%00b', '%07', '%C2%85'];
const FIELDS = ['name', 'reason', 'note', 'username', 'password', 'gridCode', 'divisionCode', 'q', 'kind'];

function fill(url: string, value: string): string {
  return url.replace(/:[A-Za-z]+/g, value).replace(/\*/g, value);
}

describe('hostile input reaches no endpoint as a 500', () => {
  it('refuses NUL, lone surrogates and control characters in every body field, query and path, in Chinese', async () => {
    const routes = t.built.routes.filter((r) => !r.url.startsWith('/docs') && r.url !== '/openapi.json');
    expect(routes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    const before = await t.db.selectFrom('grid_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const r of routes) {
      const requests: { url: string; payload?: string }[] = [];
      for (const bad of BAD_URL) {
        const path = fill(r.url, bad);
        requests.push({ url: `${path}?q=${bad}&within=${bad}&asOf=${bad}` });
        if (path !== r.url) requests.push({ url: path });
      }
      if (r.method !== 'GET') {
        const goodPath = fill(r.url, '231102001001');
        for (const bad of BAD_JSON) for (const f of FIELDS) requests.push({ url: goodPath, payload: `{"${f}":${bad},"kind":"create","reason":${bad}}` });
        requests.push({ url: goodPath, payload: `{"a\\u0000":1}` });
      }
      for (const q of requests) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: q.url,
          headers: { cookie, ...(q.payload ? { 'content-type': 'application/json' } : {}) },
          payload: q.payload,
        });
        const type = res.headers['content-type']?.toString() ?? '';
        const body = type.includes('json') ? json(res) : null;
        // The public pages (/g, /r, /v) answer as HTML pages whose heading says what is wrong.
        const message = body?.error?.message ?? (type.includes('text/html') ? (res.body.match(/<h1>([^<]*)<\/h1>/)?.[1] ?? '') : '');
        const ok = res.statusCode >= 400 && res.statusCode < 500 && (res.statusCode === 404 || /[\u4e00-\u9fff]/.test(message));
        if (!ok) failures.push(`${r.method} ${q.url} ${q.payload ?? ''} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await t.db.selectFrom('grid_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('says which part held the bad text, without echoing it', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":"city\\u0000","password":"x"}' });
    expect(r.statusCode).toBe(400);
    expect(json(r).error.message).toBe('请求内容「username」含有空字符（\\u0000），请删除后重试');
    const p = await t.app.inject({ url: '/api/grid-changes/%00', headers: { cookie } });
    expect(p.statusCode).toBe(400);
    expect(json(p).error.message).toContain('路径');
  });

  it('refuses names made only of invisible characters or holding formatting controls', async () => {
    const grid = json(await t.app.inject({ url: '/api/grids?within=231102001000&limit=1', headers: { cookie } })).items[0];
    const cases: [string, string][] = [
      ['\u200b\u200b\u3000', '不能只由空白或不可见字符组成'],
      ['正常\u202e名称', '不可见字符'],
      ['两行\n名称', '换行'],
      ['\u3164\u3164', '不能只由空白或不可见字符组成'],
    ];
    for (const [name, message] of cases) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/grid-changes/validate',
        headers: { cookie },
        payload: { kind: 'redraw', gridCode: grid.code, reason: '更正网格名称', grid: { name } },
      });
      expect(r.statusCode, JSON.stringify(name)).toBe(400);
      expect(json(r).error.message).toContain(message);
    }
    const reason = await t.app.inject({ method: 'POST', url: '/api/grid-changes/validate', headers: { cookie }, payload: { kind: 'retire', gridCode: grid.code, reason: '\u200b\u200b\u200b\u200b\u200b' } });
    expect(json(reason).error.message).toContain('请填写调整原因');
  });

  it('answers a malformed URL in the platform format, in Chinese', async () => {
    const r = await t.app.inject({ url: '/api/grids/%FF', headers: { cookie } });
    expect(r.statusCode).toBe(400);
    expect(json(r).error.message).toMatch(/地址|编码/);
  });
});

describe('heavy endpoints are rate-limited', () => {
  it('limits boundary validation to 60 a minute per user, in Chinese with Retry-After', async () => {
    const other = await t.login('city');
    const body = { kind: 'retire', gridCode: '231102001001001', reason: '频率限制测试' };
    let last = await t.app.inject({ method: 'POST', url: '/api/grid-changes/validate', headers: { cookie: other }, payload: body });
    for (let i = 1; i < 61; i++) last = await t.app.inject({ method: 'POST', url: '/api/grid-changes/validate', headers: { cookie: other }, payload: body });
    expect(last.statusCode).toBe(429);
    expect(json(last).error.message).toContain('操作过于频繁');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/grid-changes/validate', headers: { cookie: other }, payload: body })).statusCode).not.toBe(429);
  });
});
