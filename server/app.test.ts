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
