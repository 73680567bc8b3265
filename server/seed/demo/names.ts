import type { Rng } from './random';

/** Names and attribute values for the synthetic demo grids. Codes and division names are real; these are not. */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (enough for grid ordinals). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`chineseNumber: ${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
  return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
}

/** "长海社区居委会" → "长海社区", "西岗子村委会" → "西岗子村": the name people use for the place. */
export function shortDivisionName(name: string): string {
  return name
    .replace(/（村委会）$/, '')
    .replace(/社区居民委员会$/, '社区')
    .replace(/社区居委会?$/, '社区')
    .replace(/村民委员会$/, '村')
    .replace(/村委会$/, '村');
}

/** Prefix of synthetic unit names: the county's name, but 黑河市 for 爱辉区, the district that seats the city. */
export function unitPrefix(countyCode: string, countyName: string): string {
  return countyCode.startsWith('231102') ? '黑河市' : countyName;
}

const NATURAL_VILLAGES = [
  '前屯', '后屯', '东屯', '西屯', '南屯', '北屯', '腰屯', '新屯', '老屯', '上屯', '下屯', '河东屯', '河西屯',
  '头道沟', '二道沟', '三道沟', '东岗', '西岗', '南岗', '北岗', '三家子', '五家子', '七家子', '新立屯',
  '新发屯', '新兴屯', '太平屯', '永安屯', '东升屯', '靠山屯', '沿江屯', '河口屯', '泉眼屯', '柳毛屯',
];

/** Distinct natural-village names for one village. */
export function naturalVillageNames(count: number, rng: Rng): string[] {
  return rng.shuffle(NATURAL_VILLAGES).slice(0, count);
}

export type ExclusiveSubKind = 'admin_centre' | 'office_building' | 'market' | 'school' | 'hospital' | 'park' | 'enterprise';

interface ExclusiveTemplate {
  subKind: ExclusiveSubKind;
  unit: (prefix: string) => string;
  staff: [number, number];
}

/** In the order they are handed out: a small county seat gets the first few. */
const EXCLUSIVE_TEMPLATES: ExclusiveTemplate[] = [
  { subKind: 'admin_centre', unit: (p) => `${p}政务服务中心`, staff: [200, 600] },
  { subKind: 'school', unit: (p) => `${p}第一中学`, staff: [1200, 2600] },
  { subKind: 'hospital', unit: (p) => `${p}第一人民医院`, staff: [600, 1400] },
  { subKind: 'market', unit: (p) => `${p}百货大楼`, staff: [150, 450] },
  { subKind: 'park', unit: (p) => `${p}人民公园`, staff: [20, 60] },
  { subKind: 'school', unit: (p) => `${p}实验小学`, staff: [900, 1800] },
  { subKind: 'enterprise', unit: (p) => `${p}热电有限公司`, staff: [200, 700] },
  { subKind: 'office_building', unit: (p) => `${p}金融大厦`, staff: [300, 900] },
  { subKind: 'hospital', unit: (p) => `${p}中医医院`, staff: [300, 700] },
  { subKind: 'school', unit: (p) => `${p}第二中学`, staff: [1000, 2200] },
  { subKind: 'market', unit: (p) => `${p}农贸批发市场`, staff: [200, 600] },
  { subKind: 'enterprise', unit: (p) => `${p}供水有限公司`, staff: [120, 400] },
  { subKind: 'school', unit: (p) => `${p}职业技术学校`, staff: [600, 1500] },
  { subKind: 'hospital', unit: (p) => `${p}妇幼保健院`, staff: [200, 500] },
];

export interface ExclusiveSpec {
  subKind: ExclusiveSubKind;
  owningUnit: string;
  population: number;
}

export function exclusiveSpecs(prefix: string, count: number, rng: Rng): ExclusiveSpec[] {
  return EXCLUSIVE_TEMPLATES.slice(0, Math.min(count, EXCLUSIVE_TEMPLATES.length)).map((t) => ({
    subKind: t.subKind,
    owningUnit: t.unit(prefix),
    population: rng.int(t.staff[0], t.staff[1]),
  }));
}

/** The management area's own grids (Art. 33): scenic spots and the springs resort as exclusive grids. */
export const MANAGEMENT_AREA_GRIDS: readonly (
  | { kind: 'exclusive'; subKind: ExclusiveSubKind; owningUnit: string; name: string }
  | { kind: 'rural'; name: string }
)[] = [
  { kind: 'exclusive', subKind: 'admin_centre', owningUnit: '五大连池风景名胜区管理委员会', name: '风景区管委会专属网格' },
  { kind: 'exclusive', subKind: 'park', owningUnit: '老黑山景区管理处', name: '老黑山景区专属网格' },
  { kind: 'exclusive', subKind: 'park', owningUnit: '龙门石寨景区管理处', name: '龙门石寨景区专属网格' },
  { kind: 'exclusive', subKind: 'hospital', owningUnit: '五大连池矿泉疗养院', name: '药泉疗养区专属网格' },
  { kind: 'rural', name: '药泉网格' },
  { kind: 'rural', name: '北饮泉网格' },
  { kind: 'rural', name: '南泉网格' },
  { kind: 'rural', name: '翻花泉网格' },
  { kind: 'rural', name: '温泊网格' },
  { kind: 'rural', name: '白龙湖网格' },
];

/** "1号楼微网格", "4至6号楼微网格": consecutive building numbers across one grid's micro-grids. */
export function microGridNames(count: number, rng: Rng): string[] {
  const names: string[] = [];
  let next = 1;
  for (let i = 0; i < count; i++) {
    const n = rng.int(1, 4);
    names.push(n === 1 ? `${next}号楼微网格` : `${next}至${next + n - 1}号楼微网格`);
    next += n;
  }
  return names;
}

/** Splits a total into `parts` positive-ish shares that add up exactly. */
export function splitTotal(total: number, parts: number, rng: Rng): number[] {
  const w = Array.from({ length: parts }, () => rng.range(0.7, 1.3));
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((total * x) / sum));
  out[0] += total - out.reduce((a, b) => a + b, 0);
  return out;
}
