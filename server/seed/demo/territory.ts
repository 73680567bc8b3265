import { AppError } from '../../../common/app-error';
import type { AreaGeometry, Position } from '../../../common/geo/types';
import { assembleCounty } from './assemble';
import { unitPrefix } from './names';
import { planCounty, type ManagementAreaShape } from './partition';
import { compareText } from './random';
import { carveExclusive, splitMicro } from './special';
import type { DemoDivision, DemoGrid, DemoTerritory, DemoTerritoryInput } from './types';
import { MANAGEMENT_AREA } from '../divisions-csv';

export type { DemoCounty, DemoDivision, DemoGrid, DemoTerritory, DemoTerritoryInput } from './types';

/**
 * Deterministic synthetic territory for the demo: real division codes and names, synthetic shapes.
 * No public township, community or grid boundaries exist for Heihe, so each county outline is
 * partitioned into its township-level units, those into their communities/villages, and those into grids
 * (see partition.ts for the layout rules and atoms.ts for why the partition is exact).
 * Pure: no I/O, no clock, no Math.random; the same input and seed give the same output.
 */

export const DEFAULT_DEMO_SEED = 20230601;

/** The management area of Art. 33 (see divisions-csv.ts for its code); its outline is carved out of 五大连池市 around the volcano lakes. */
export { MANAGEMENT_AREA };

const MANAGEMENT_SHAPE: ManagementAreaShape = {
  centre: [126.26, 48.72],
  // ≈ π·18.5·17 ≈ 990 km², like the real ~1,060 km² scenic area
  semiAxesKm: [18.5, 17],
  grids: 10,
};

/** County seats (WGS-84), from the `cp` points of resources/heihe/counties-gcj02.geojson: used when the caller passes none. */
const HEIHE_SEATS: Record<string, Position> = {
  '231102000000': [127.493, 50.2504],
  '231123000000': [128.4713, 49.562],
  '231124000000': [127.329, 49.4234],
  '231181000000': [126.4842, 48.2392],
  '231182000000': [126.1987, 48.5151],
  '231183000000': [125.2138, 49.1836],
};

/** Exclusive grids per county seat: the prefecture seat gets the most. */
const EXCLUSIVE_PER_COUNTY: Record<string, number> = {
  '231102000000': 12,
  '231181000000': 8,
  '231183000000': 7,
  '231182000000': 5,
  '231123000000': 4,
  '231124000000': 4,
};

export function generateDemoTerritory(input: DemoTerritoryInput): DemoTerritory {
  const { counties, divisions, rule } = input;
  const seed = input.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(seed)) throw new AppError('bad_request', '演示数据随机种子必须是整数');
  if (!rule || typeof rule.assignGridCodes !== 'function') throw new AppError('bad_request', '缺少网格编码规则');
  if (!Array.isArray(counties) || counties.length === 0) throw new AppError('bad_request', '至少需要一个县（市、区）的边界');
  for (const d of divisions) {
    if (!/^\d{12}$/.test(d.code)) throw new AppError('bad_request', `区划代码“${d.code}”不是 12 位数字`);
  }
  const children = new Map<string, DemoDivision[]>();
  for (const d of divisions) {
    if (!d.parentCode) continue;
    const list = children.get(d.parentCode);
    if (list) list.push(d);
    else children.set(d.parentCode, [d]);
  }
  const childrenOf = (code: string): DemoDivision[] => children.get(code) ?? [];

  const normalised = counties
    .map((c) => {
      if (!/^\d{6}(\d{6})?$/.test(c.code)) throw new AppError('bad_request', `县级区划代码“${c.code}”格式不正确`);
      const t = c.boundary?.type;
      if (t !== 'Polygon' && t !== 'MultiPolygon') throw new AppError('bad_request', `${c.name}的边界必须是面（Polygon 或 MultiPolygon）`);
      const code = c.code.padEnd(12, '0');
      return { county: c.seat || !HEIHE_SEATS[code] ? c : { ...c, seat: HEIHE_SEATS[code] }, code };
    })
    .sort((a, b) => compareText(a.code, b.code));
  if (new Set(normalised.map((c) => c.code)).size !== normalised.length) throw new AppError('bad_request', '县级区划重复');
  if (!normalised.some((c) => c.code === MANAGEMENT_AREA.hostCountyCode)) {
    throw new AppError('bad_request', `生成演示区域需要五大连池市（${MANAGEMENT_AREA.hostCountyCode.slice(0, 6)}）的边界，用于划出${MANAGEMENT_AREA.name}`);
  }

  const stagesPerCounty = 5;
  const total = normalised.length * stagesPerCounty + 1;
  let done = 0;
  const report = (stage: string): void => {
    done++;
    input.onProgress?.(done, total, stage);
  };

  const countyBoundaries = new Map<string, AreaGeometry>();
  const townshipBoundaries = new Map<string, AreaGeometry>();
  const communityBoundaries = new Map<string, AreaGeometry>();
  const grids: DemoGrid[] = [];
  let managementBoundary: AreaGeometry | null = null;

  for (const { county, code } of normalised) {
    const townships = childrenOf(code).filter((d) => d.level === 'township');
    if (townships.length === 0) throw new AppError('bad_request', `${county.name}（${code}）没有乡级区划，无法生成演示区域`);
    const hostsManagement = code === MANAGEMENT_AREA.hostCountyCode;
    const plan = planCounty(county, code, townships, childrenOf, seed, hostsManagement ? MANAGEMENT_SHAPE : null, (stage) =>
      report(`${county.name}：${stage}`),
    );
    const prefix = unitPrefix(code, county.name);
    const exclusive = carveExclusive(plan.atoms, plan, EXCLUSIVE_PER_COUNTY[code] ?? 4, prefix, seed);
    const micro = splitMicro(plan.atoms, plan, seed);
    const out = assembleCounty(plan.atoms, plan, rule, exclusive, micro, hostsManagement ? MANAGEMENT_AREA : null, seed);
    report(`${county.name}：编码并生成边界`);
    countyBoundaries.set(code, out.county);
    for (const [k, g] of out.townships) townshipBoundaries.set(k, g);
    for (const [k, g] of out.communities) communityBoundaries.set(k, g);
    if (out.management) managementBoundary = out.management;
    grids.push(...out.grids);
  }
  if (!managementBoundary) throw new Error('demo: management area was not drawn');
  grids.sort((a, b) => compareText(a.code, b.code));
  report('完成');
  return {
    countyBoundaries,
    townshipBoundaries,
    communityBoundaries,
    managementArea: {
      code: MANAGEMENT_AREA.code,
      name: MANAGEMENT_AREA.name,
      parentCode: MANAGEMENT_AREA.parentCode,
      boundary: managementBoundary,
    },
    grids,
  };
}
