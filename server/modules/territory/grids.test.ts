import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPointOf } from '../../../common/geo/measure';
import type { GridSummary } from '../../../common/schemas/grids';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('aihui');
});
afterAll(async () => t?.close());
const get = (url: string) => t.app.inject({ url, headers: { cookie } });

describe('the grid registry', () => {
  it('lists grids by area, as JSON and as GeoJSON', async () => {
    const list = json(await get('/api/grids?within=231102001000'));
    expect(list.total).toBeGreaterThan(5);
    expect(list.items.every((g: GridSummary) => g.code.startsWith('231102001') && g.level === 'grid' && g.status === 'active')).toBe(true);
    const fc = json(await get('/api/grids?within=231102001000&format=geojson'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(list.total);
    expect(fc.features[0].geometry.type).toMatch(/Polygon/);
  });

  it('compresses the city-wide grid layer for weak connections', async () => {
    const r = await t.app.inject({ url: '/api/grids?format=geojson', headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.rawPayload.length).toBeLessThan(2_000_000);
  });

  it('counts about 3,800 grids city-wide, with exclusive and micro-grids', async () => {
    const all = json(await get('/api/grids')).items as GridSummary[];
    expect(all.length).toBeGreaterThan(3600);
    expect(all.length).toBeLessThan(4100);
    const exclusive = all.filter((g) => g.kind === 'exclusive');
    expect(exclusive.length).toBeGreaterThan(10);
    const micro = json(await get('/api/grids?level=micro')).items as GridSummary[];
    expect(micro.length).toBeGreaterThan(100);
    expect(micro.every((m) => m.parentCode && m.code.startsWith(m.parentCode))).toBe(true);
  });

  it('shows one grid with its attributes, path and history', async () => {
    const code = json(await get('/api/grids?within=231102001000')).items[0].code;
    const d = json(await get(`/api/grids/${code}`));
    expect(d.grid).toMatchObject({ code, status: 'active', version: 1 });
    expect(d.grid.partyOrg.type).toMatch(/branch|group|joint_branch/);
    expect(d.path.map((p: { name: string }) => p.name).slice(0, 3)).toEqual(['黑河市', '爱辉区', '花园街道']);
    expect(d.history).toHaveLength(1);
    expect((await get('/api/grids/231102001001999')).statusCode).toBe(404);
  });

  it('finds the grid of a point in WGS-84 and in GCJ-02', async () => {
    const g = json(await get('/api/grids?within=231102001000&format=geojson')).features[3];
    const [lng, lat] = labelPointOf(g.geometry);
    const hit = json(await get(`/api/grids/lookup?lng=${lng}&lat=${lat}`));
    expect(hit).toMatchObject({ found: true, grid: { code: g.properties.code }, county: { name: '爱辉区' }, township: { name: '花园街道' } });
    expect(hit.community.code).toBe(g.properties.divisionCode);
    const [glng, glat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
    const viaGcj = json(await get(`/api/grids/lookup?lng=${glng}&lat=${glat}&crs=gcj02`));
    expect(viaGcj.grid.code).toBe(g.properties.code);
  });

  it('says plainly when a point lies in no grid', async () => {
    const r = json(await get('/api/grids/lookup?lng=116.39&lat=39.9'));
    expect(r).toMatchObject({ found: false, grid: null, county: null });
    expect(r.message).toContain('不在黑河市范围内');
  });

  it('rejects malformed coordinates with 400 and a Chinese message', async () => {
    for (const q of ['lng=abc&lat=50', 'lng=127&lat=91', 'lng=181&lat=50', 'lat=50', 'lng=&lat=50', 'lng=1e2&lat=50', 'lng=127&lat=50&crs=bd09']) {
      const r = await get(`/api/grids/lookup?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(json(r).error.message, q).toMatch(/经度|纬度|坐标系/);
    }
  });

  it('rejects a bad area filter or history date', async () => {
    expect((await get('/api/grids?within=12')).statusCode).toBe(400);
    expect((await get('/api/grids?asOf=yesterday')).statusCode).toBe(400);
    const future = await get('/api/grids?asOf=2099-01-01T00:00:00Z');
    expect(future.statusCode).toBe(400);
    expect(json(future).error.message).toContain('不能晚于现在');
  });
});
