import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESOURCES_DIR } from '../lib/paths';

export interface DivisionRecord {
  code: string;
  parentCode: string | null;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  kind: string;
  special: string | null;
  codeSource: 'nbs' | 'local';
  hostCode: string | null;
  sortKey: number;
}

export const CITY_CODE = '231100000000';
/**
 * 五大连池风景名胜区自然保护区 (Art. 33) has no NBS code. Statistical codes give functional zones
 * county-level numbers 71–79 (e.g. development zones), so the area is numbered 231171 here,
 * marked `code_source = local`, and hosted geographically by 五大连池市.
 */
export const MANAGEMENT_AREA = {
  code: '231171000000',
  name: '五大连池风景名胜区自然保护区',
  parentCode: CITY_CODE,
  hostCountyCode: '231182000000',
} as const;

/** Township-level units of NBS range 400–599 (类似乡级单位), typed by what their names say. */
export function specialOf(name: string): string {
  if (/林业局/.test(name)) return 'forestry_bureau';
  if (/林场|储木场/.test(name)) return 'forest_farm';
  if (/农场|管理局局直/.test(name)) return 'farm';
  if (/矿/.test(name)) return 'mine';
  if (/监狱|劳教所/.test(name)) return 'prison';
  if (/良种场|种畜场|奶牛场|畜牧场|蚕种场|繁殖场/.test(name)) return 'breeding_farm';
  return 'other';
}

/** Reads the shipped NBS division list (see resources/heihe/SOURCE.md) plus the management area. */
export function readDivisions(file = path.join(RESOURCES_DIR, 'divisions_231100.csv')): DivisionRecord[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines.shift()!.split(',');
  const col = (n: string) => header.indexOf(n);
  const out: DivisionRecord[] = lines.map((line, i) => {
    const f = line.split(',');
    const level = f[col('level')] as DivisionRecord['level'];
    const kind = f[col('kind')];
    const parent = f[col('parent_code12')];
    return {
      code: f[col('code12')],
      parentCode: level === 'city' ? null : parent,
      name: f[col('name')],
      level,
      kind,
      special: kind === 'township_like' ? specialOf(f[col('name')]) : null,
      codeSource: 'nbs',
      hostCode: null,
      sortKey: i,
    };
  });
  const { code, name, parentCode, hostCountyCode } = MANAGEMENT_AREA;
  out.push({ code, name, parentCode, hostCode: hostCountyCode, level: 'county', kind: 'management_area', special: null, codeSource: 'local', sortKey: out.length });
  return out;
}
