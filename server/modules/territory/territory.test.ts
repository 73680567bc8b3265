import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('city');
});
afterAll(async () => t?.close());
const get = (url: string) => t.app.inject({ url, headers: { cookie } });

describe('the real Heihe territory', () => {
  it('has 黑河市 with its 6 counties and the management area of Art. 33', async () => {
    const node = json(await get('/api/divisions/231100000000'));
    expect(node.division).toMatchObject({ name: '黑河市', level: 'city' });
    const names = node.children.map((c: { name: string }) => c.name);
    expect(names).toEqual(['爱辉区', '逊克县', '孙吴县', '北安市', '五大连池市', '嫩江市', '五大连池风景名胜区自然保护区']);
    const area = node.children.find((c: { code: string }) => c.code === '231171000000');
    expect(area).toMatchObject({ kind: 'management_area', kindLabel: '特定管理区域', codeSource: 'local' });
    expect(node.activeGrids).toBeGreaterThan(3500);
  });

  it('holds 160 township-level and 961 village-level units with their NBS codes', async () => {
    const counts = await t.db.selectFrom('divisions').select(['level']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('level').execute();
    const by = Object.fromEntries(counts.map((c) => [c.level, Number(c.n)]));
    expect(by).toEqual({ city: 1, county: 7, township: 160, village: 961 });
  });

  it('keeps farms, forest farms and mines as township-level units, marked as such', async () => {
    const node = json(await get('/api/divisions/231182000000'));
    const farm = node.children.find((c: { name: string }) => c.name === '五大连池农场');
    expect(farm).toMatchObject({ code: '231182508000', kind: 'township_like', special: 'farm' });
    const all = await t.db.selectFrom('divisions').select(['name', 'special']).where('kind', '=', 'township_like').execute();
    expect(all.find((d) => d.name === '大平林场')?.special).toBe('forest_farm');
    expect(all.find((d) => d.name === '多宝山铜矿')?.special).toBe('mine');
    expect(all.every((d) => d.special !== null)).toBe(true);
  });

  it('shows a node with its path and children with grid counts', async () => {
    const node = json(await get('/api/divisions/231102001000'));
    expect(node.path.map((p: { name: string }) => p.name)).toEqual(['黑河市', '爱辉区', '花园街道']);
    expect(node.children.length).toBeGreaterThan(0);
    expect(node.children.every((c: { level: string; activeGrids: number }) => c.level === 'village' && c.activeGrids >= 1)).toBe(true);
  });

  it('finds divisions by name and by code prefix', async () => {
    const byName = json(await get(`/api/divisions?q=${encodeURIComponent('花园')}`)).items;
    expect(byName[0]).toMatchObject({ name: '花园街道', code: '231102001000' });
    expect(byName[0].pathName).toBe('黑河市 / 爱辉区 / 花园街道');
    const byCode = json(await get('/api/divisions?q=231183')).items;
    expect(byCode.length).toBeGreaterThan(5);
    expect(byCode.every((d: { code: string }) => d.code.startsWith('231183'))).toBe(true);
  });

  it('answers unknown or malformed codes with Chinese 4xx messages', async () => {
    const unknown = await get('/api/divisions/231199000000');
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).error.message).toContain('没有区划代码为 231199000000');
    const bad = await get('/api/divisions/abc');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.message).toContain('12 位数字');
    const empty = await get('/api/divisions?q=');
    expect(empty.statusCode).toBe(400);
  });

  it('serves the real county outlines in WGS-84 for the map', async () => {
    const fc = json(await get('/api/map/counties'));
    const nenjiang = fc.features.find((f: { properties: { name: string } }) => f.properties.name === '嫩江市');
    expect(nenjiang.properties.code).toBe('231183000000');
    expect(nenjiang.geometry.type).toMatch(/Polygon/);
    const b = json(await get('/api/divisions/231102000000/boundary'));
    expect(b.properties.source).toContain('MIT');
    const [lng, lat] = b.geometry.coordinates[0][0];
    expect(lng).toBeGreaterThan(125.5);
    expect(lat).toBeGreaterThan(49);
  });
});
