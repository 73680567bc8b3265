import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../test/support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the platform as a service', () => {
  it('answers health without a session', async () => {
    const r = await t.app.inject({ url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ status: 'ok', divisions: 1129 });
    expect(json(r).grids).toBeGreaterThan(3500);
  });

  it('documents the API as OpenAPI JSON and browsable docs', async () => {
    const spec = json(await t.app.inject({ url: '/openapi.json' }));
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of ['/api/grids/lookup', '/api/grids/{code}', '/api/grid-changes', '/api/filings', '/api/divisions/{code}']) expect(Object.keys(spec.paths)).toContain(p);
    const lookup = spec.paths['/api/grids/lookup'].get;
    expect(lookup.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['lng', 'lat', 'crs']));
    const docs = await t.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown API paths with a Chinese 4xx', async () => {
    const cookie = await t.login('city');
    const r = await t.app.inject({ url: '/api/nothing-here', headers: { cookie } });
    expect(r.statusCode).toBe(404);
    expect(json(r).error.message).toContain('没有这个地址');
  });
});

describe('what is served at which address', () => {
  it('gives the app page only to the app’s own routes; anything else is a real 404', async () => {
    for (const p of ['/', '/login', '/map', '/territory/231102000000', '/grids/231102001001001', '/changes/new', '/filings']) {
      const r = await t.app.inject({ url: p });
      expect(r.statusCode, p).toBe(200);
      expect(r.headers['content-type'], p).toContain('text/html');
    }
    for (const p of ['/.env', '/package.json', '/api', '/open311/v2/services.json', '/wp-login.php', '/map/extra/deep']) {
      const r = await t.app.inject({ url: p });
      expect(r.statusCode, p).toBe(404);
      if (p.startsWith('/api') || p.startsWith('/open311')) expect(json(r).error.message).toContain('没有这个地址');
      else expect(r.body).toContain('页面不存在');
    }
  });

  it('keeps the server’s list of app routes in step with the web router', async () => {
    const { readFileSync } = await import('node:fs');
    const { SPA_PATHS } = await import('../common/spa-paths');
    const router = readFileSync(new URL('../web/router.tsx', import.meta.url), 'utf8');
    const paths = [...router.matchAll(/path: '([^']+)'/g)].map((m) => m[1]).filter((p) => p !== '*');
    const full = new Set(paths.map((p) => (p.startsWith('/') ? p : `/${p}`)));
    full.add('/');
    expect([...full].sort()).toEqual([...SPA_PATHS].sort());
  });
});
