import { describe, expect, it } from 'vitest';
import { limitProblem, limitText } from '../../../common/domain/catalogue-terms';
import { defaultCatalogue, sectorOf } from './default-catalogue';
import { searchKeys } from './pinyin';
import { searchEntries } from './type-search';

describe('the default catalogue shipped in resources/catalogue', () => {
  const types = defaultCatalogue();
  it('has 13 level-1 groups, 45 level-2 groups and 257 types covering the ten kinds of Art. 14', () => {
    expect(types).toHaveLength(257);
    expect(new Set(types.map((t) => t.level1Code)).size).toBe(13);
    expect(new Set(types.map((t) => t.level2Code)).size).toBe(45);
    expect([...new Set(types.map((t) => t.art14Kind))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(types.map((t) => t.code)).size).toBe(257);
  });
  it('maps every default department to a sector key, duties and all four limits filled in as defaults', () => {
    expect(sectorOf('政法委（综合治理）')).toBe('zfw');
    expect(sectorOf('供水')).toBe('gs');
    expect(() => sectorOf('教育')).toThrow('不是网格联动部门或网格服务单位');
    for (const t of types) {
      expect(t.duties.length, t.code).toBeGreaterThan(10);
      expect(t.dutiesDefault && t.limitsDefault).toBe(true);
      for (const l of Object.values(t.limits)) expect(limitProblem(l), t.code).toBeNull();
      expect(t.limits.verification).toEqual({ amount: 24, unit: 'calendar_hours' });
    }
  });
  it('makes the 2-hour emergencies and attacks on grid workers top priority, the latter straight to 公安', () => {
    const top = types.filter((t) => t.priority === 'top').map((t) => t.code);
    expect(top).toEqual(expect.arrayContaining(['030301', '030401', '030402', '050101', '050209']));
    expect(top).toHaveLength(15);
    expect(types.filter((t) => t.directToPolice).map((t) => [t.code, t.defaultSector])).toEqual([['030401', 'ga'], ['030402', 'ga']]);
    const garbage = types.find((t) => t.code === '090102')!;
    expect(garbage).toMatchObject({ name: '暴露垃圾', defaultSector: 'cg', needsVerification: true, needsFeedback: true, limits: { handling: { amount: 4, unit: 'working_hours' } } });
  });
});

describe('limits in words', () => {
  it('says working days, working hours, hours and days', () => {
    expect(limitText({ amount: 16, unit: 'working_hours' })).toBe('2 个工作日');
    expect(limitText({ amount: 4, unit: 'working_hours' })).toBe('4 个工作小时');
    expect(limitText({ amount: 24, unit: 'calendar_hours' })).toBe('24 小时');
    expect(limitText({ amount: 720, unit: 'calendar_hours' })).toBe('30 天');
    expect(limitProblem({ amount: 0, unit: 'working_hours' })).toBe('时限至少 1 小时');
    expect(limitProblem({ amount: 5000, unit: 'calendar_hours' })).toContain('不能超过');
    expect(limitProblem({ amount: 1.5, unit: 'calendar_hours' })).toBe('时限须为整数小时');
  });
});

describe('type-ahead search', () => {
  const entries = defaultCatalogue().map((t) => ({ code: t.code, name: t.name, ...searchKeys(t.name) }));
  const names = (q: string) => searchEntries(entries, q, 10).map((e) => e.name);
  it('finds by pinyin initials, also when some are left out, by whole pinyin, name and code', () => {
    expect(searchKeys('暴露垃圾')).toEqual({ initials: 'bllj', pinyin: 'baolulaji' });
    expect(names('bllj')[0]).toBe('暴露垃圾');
    expect(names('blj')).toContain('暴露垃圾');
    expect(names('laji')).toEqual(expect.arrayContaining(['暴露垃圾', '垃圾箱']));
    expect(names('垃圾')).toEqual(expect.arrayContaining(['暴露垃圾', '积存垃圾渣土', '垃圾箱']));
    expect(names('090102')).toEqual(['暴露垃圾']);
    expect(names('0901')).toHaveLength(9);
    expect(names('ZDYF')[0]).toBe('重点优抚对象');
    expect(names('xyz不存在')).toEqual([]);
  });
});
