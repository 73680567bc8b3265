import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Priority } from '../../../common/domain/catalogue';
import { WORKING_HOURS_PER_DAY } from '../../../common/domain/catalogue-terms';
import { DEPARTMENT_SECTORS, SERVICE_SECTORS } from '../../../common/domain/organisations';
import type { TimeLimit } from '../../../common/domain/working-calendar';
import { ROOT } from '../../lib/paths';
import { DEFAULT_DUTIES } from './default-duties';
import type { TypeRecord } from './type-record';

export const CATALOGUE_CSV = path.join(ROOT, 'resources/catalogue/matter-types.csv');

const COLUMNS = [
  'level1_code', 'level1_name', 'level2_code', 'level2_name', 'level3_code', 'level3_name',
  'art14_kind', 'default_department', 'time_limit_hours', 'time_unit', 'needs_onsite_verification', 'source',
] as const;
type CsvRow = Record<(typeof COLUMNS)[number], string>;

/** The CSV quotes nothing (resources/catalogue/SOURCE.md); a quote would mean the file changed shape. */
export function parseCatalogueCsv(text: string): CsvRow[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  if (header.join(',') !== COLUMNS.join(',')) throw new Error(`事项清单 CSV 表头不符：${lines[0]}`);
  return lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`事项清单 CSV 第 ${i + 2} 行含引号，无法按简单格式读取`);
    const cells = line.split(',');
    if (cells.length !== COLUMNS.length) throw new Error(`事项清单 CSV 第 ${i + 2} 行应有 ${COLUMNS.length} 列，实有 ${cells.length} 列`);
    return Object.fromEntries(COLUMNS.map((c, j) => [c, cells[j].trim()])) as CsvRow;
  });
}

/** `default_department` names of the CSV → sector keys (政法委（综合治理） is the 政法委 as coordinator). */
export function sectorOf(department: string): string {
  const label = department.replace(/（综合治理）$/, '');
  const s = [...DEPARTMENT_SECTORS, ...SERVICE_SECTORS].find((x) => x.label === label);
  if (!s) throw new Error(`事项清单中的默认责任单位“${department}”不是网格联动部门或网格服务单位`);
  return s.key;
}

const wh = (amount: number): TimeLimit => ({ amount, unit: 'working_hours' });
const ch = (amount: number): TimeLimit => ({ amount, unit: 'calendar_hours' });

/** Groups and types that get no feedback to a resident by default: leads, attacks on workers, follow-ups of people, publicity, data. */
const NO_FEEDBACK = ['0302', '0303', '0304', '0601', '0602', '0603', '0604', '1201', '1202', '1301', '1302', '110101'];

/** Where each default handling limit comes from (SOURCE.md §3), said in a line. */
function handlingBasis(code: string, limit: TimeLimit): string {
  const basis: Record<string, string> = {
    '090101': '济源市数字城管事件标准：违法搭建 15 个工作日',
    '090102': '数字城管立案结案标准（事件类）：暴露垃圾 4 个工作小时',
    '090103': '数字城管立案结案标准（事件类）：渣土 2 个工作日',
    '090104': '数字城管立案结案标准（事件类）：道路保洁 2 个工作小时',
    '090105': '济源市数字城管事件标准：水域不洁 15 个工作日',
    '090106': '数字城管立案结案标准（事件类）：绿地保洁 4 个工作小时',
    '050206': '数字城管立案结案标准（事件类）：路面积水 4 个工作小时',
    '100403': '数字城管立案结案标准（事件类）：绿地养护 5 个工作日',
  };
  if (basis[code]) return basis[code];
  if (code.startsWith('01')) return '《人民调解工作若干规定》第三十三条：纠纷一般在一个月内调结';
  if (/^020[123]/.test(code)) return '《信访工作条例》：信访事项 60 日内办结（平台未核对原文）';
  if (code.startsWith('0204')) return '平台拟定：不稳定因素 24 小时内处置，无来源';
  if (limit.unit === 'calendar_hours' && limit.amount === 2) return '平台拟定：条例第二十一条要求立即上报，参照 12345 突发事件 2 小时';
  return '平台默认：2 个工作日（原系统超时红牌阈值，非法定标准）';
}

function priorityOf(code: string, handling: TimeLimit): Priority {
  if (code.startsWith('0304')) return 'top';
  if (handling.unit === 'calendar_hours' && handling.amount <= 2) return 'top';
  if ((handling.unit === 'calendar_hours' && handling.amount <= 24) || (handling.unit === 'working_hours' && handling.amount <= 4)) return 'urgent';
  return 'normal';
}

/** One CSV row as a type of the default catalogue, with the platform's defaults filled in. */
export function defaultType(r: CsvRow): TypeRecord {
  const code = r.level3_code;
  const hours = Number(r.time_limit_hours);
  if (!Number.isInteger(hours) || hours <= 0) throw new Error(`事项 ${code} 的时限不是正整数小时：${r.time_limit_hours}`);
  if (r.time_unit !== 'working' && r.time_unit !== 'calendar') throw new Error(`事项 ${code} 的时限单位未知：${r.time_unit}`);
  const handling = r.time_unit === 'working' ? wh(hours) : ch(hours);
  const priority = priorityOf(code, handling);
  const duties = DEFAULT_DUTIES[r.level2_code];
  if (!duties) throw new Error(`二级分类 ${r.level2_code} 没有默认职责任务`);
  return {
    code,
    name: r.level3_name,
    level1Code: r.level1_code,
    level1Name: r.level1_name,
    level2Code: r.level2_code,
    level2Name: r.level2_name,
    art14Kind: Number(r.art14_kind),
    duties,
    dutiesDefault: true,
    defaultSector: sectorOf(r.default_department),
    limits: {
      dispatch: priority === 'top' ? ch(1) : priority === 'urgent' ? wh(2) : wh(4),
      handling,
      // Art. 21: 需要现场核实的，网格员应当在二十四小时内进行核实.
      verification: ch(24),
      feedback: priority === 'top' ? ch(24) : wh(WORKING_HOURS_PER_DAY),
    },
    limitsDefault: true,
    handlingBasis: handlingBasis(code, handling),
    needsVerification: r.needs_onsite_verification === 'true',
    needsFeedback: !NO_FEEDBACK.some((p) => code.startsWith(p)),
    priority,
    // Art. 16, 32: obstructing, threatening, insulting or beating a grid worker is a police matter at once.
    directToPolice: code.startsWith('0304'),
    source: r.source,
  };
}

let cached: TypeRecord[] | null = null;
/** The default catalogue shipped in resources/catalogue/ (13 level-1 groups, 45 level-2 groups, 257 types). */
export function defaultCatalogue(): TypeRecord[] {
  cached ??= parseCatalogueCsv(readFileSync(CATALOGUE_CSV, 'utf8')).map(defaultType);
  return cached;
}
