import type { Step } from './matter-flow';
import type { LimitUnit, TimeLimit } from './working-calendar';

/**
 * Words and bounds of the service-item catalogue (事项清单, Art. 14–16) shared by the server, the
 * public page and the web app. The contract the matters loop codes against is `catalogue.ts`.
 */

/** The ten kinds of work of Art. 14, the top of the matter taxonomy. */
export const ART14_KINDS: Record<number, { numeral: string; short: string; text: string }> = {
  1: { numeral: '一', short: '宣传引导', text: '宣传党的方针政策、法律法规以及居民公约、村规民约，弘扬社会主义核心价值观，倡导社会文明风尚' },
  2: { numeral: '二', short: '基础数据采集', text: '采集、录入网格内人、地、物、事、组织等基础数据、动态信息' },
  3: { numeral: '三', short: '社情民意与巡查', text: '通过走访巡查等方式，了解收集社情民意，反映群众诉求' },
  4: { numeral: '四', short: '矛盾纠纷排查化解', text: '排查、上报网格内各类矛盾纠纷，并协助有关部门和组织做好矛盾预防和化解工作' },
  5: { numeral: '五', short: '治安防控与公共安全', text: '配合有关部门做好网格内社会治安防控、公共安全隐患排查，协助开展反间谍、反邪教等安全防范，协助开展公共卫生、自然灾害等突发事件预防处置' },
  6: { numeral: '六', short: '弱势群体和特殊人群', text: '排查走访网格内弱势群体和特殊人群，并协同有关部门和组织开展心理疏导、救助和帮扶' },
  7: { numeral: '七', short: '民生咨询引导服务', text: '为网格内居(村)民提供劳动就业、社会保险、社会救助、社会福利、卫生健康等事项的咨询、引导等服务' },
  8: { numeral: '八', short: '分析研判', text: '通过网格管理服务信息系统数据，分析研判本辖区社会治理态势，为党委政府决策提供参考' },
  9: { numeral: '九', short: '民族团结与平安文明创建', text: '协助开展网格内民族团结进步、平安建设和文明实践创建等活动' },
  10: { numeral: '十', short: '其他管理服务事项', text: '其他管理服务事项' },
};
export const ART14_KIND_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const art14Label = (kind: number): string => `（${ART14_KINDS[kind]?.numeral ?? kind}）${ART14_KINDS[kind]?.short ?? ''}`;

export const STEPS: readonly Step[] = ['dispatch', 'handling', 'verification', 'feedback'];
export const stepLabels: Record<Step, string> = { dispatch: '派遣', handling: '处置', verification: '现场核查', feedback: '反馈群众' };
export const limitUnitLabels: Record<LimitUnit, string> = { working_hours: '工作小时', calendar_hours: '小时（自然时间）' };

/**
 * One working day counts as 8 working hours: the sources of the default catalogue write 工作日 and
 * 工作时 separately and never state the conversion (resources/catalogue/SOURCE.md §3).
 */
export const WORKING_HOURS_PER_DAY = 8;

/** Limits are whole hours: at least 1, at most 90 days (the longest, 信访, is 60 days plus a 30-day extension). */
export const LIMIT_BOUNDS: Record<LimitUnit, { min: number; max: number }> = {
  working_hours: { min: 1, max: 90 * WORKING_HOURS_PER_DAY },
  calendar_hours: { min: 1, max: 90 * 24 },
};

/** Why a limit can't be accepted, in Chinese, or null. */
export function limitProblem(l: TimeLimit): string | null {
  const b = LIMIT_BOUNDS[l.unit];
  if (!b) return '时限单位只能是工作小时或自然小时';
  if (!Number.isInteger(l.amount)) return '时限须为整数小时';
  if (l.amount < b.min) return `时限至少 ${b.min} 小时`;
  if (l.amount > b.max) return l.unit === 'working_hours' ? `时限不能超过 ${b.max} 个工作小时（90 个工作日）` : `时限不能超过 ${b.max} 小时（90 天）`;
  return null;
}

/** A limit in words, as on the public page: "2 个工作日", "4 个工作小时", "24 小时", "30 天". */
export function limitText(l: TimeLimit): string {
  if (l.unit === 'working_hours') {
    return l.amount % WORKING_HOURS_PER_DAY === 0 ? `${l.amount / WORKING_HOURS_PER_DAY} 个工作日` : `${l.amount} 个工作小时`;
  }
  return l.amount >= 48 && l.amount % 24 === 0 ? `${l.amount / 24} 天` : `${l.amount} 小时`;
}

/** Level-1, level-2 and level-3 codes nest: LL, LLMM, LLMMNN. */
export const TYPE_CODE = /^\d{6}$/;
export const level2Of = (code: string) => code.slice(0, 4);
export const level1Of = (code: string) => code.slice(0, 2);

export const catalogueStatusLabels = {
  draft: '草稿',
  submitted: '待政府审批',
  approved: '已批准待公布',
  published: '现行',
  superseded: '已被新版本替代',
  discarded: '已放弃',
} as const;
export type CatalogueStatus = keyof typeof catalogueStatusLabels;
