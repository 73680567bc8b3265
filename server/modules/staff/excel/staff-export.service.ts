import { AppError } from '../../../../common/app-error';
import type { StaffListQuery } from '../../../../common/schemas/staff';
import type { Database } from '../../../db/client';
import { dayOf, type Clock } from '../../../lib/clock';
import { writeTable, type ExportColumn } from '../../../lib/excel';
import type { Actor } from '../../access/actor';
import { writeAudit } from '../../audit/audit.service';
import type { DivisionTree } from '../../territory/division-tree';
import type { AssessmentService } from '../assessments.service';
import type { PresentedStaff } from '../staff.presenter';
import type { StaffService } from '../staff.service';

/** The most rows one export holds; a larger list is narrowed by area or type first. */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 1000;
/** Exports built at once in this process; more wait their turn elsewhere (429). */
const MAX_CONCURRENT = 2;

type AssessmentListQuery = Parameters<AssessmentService['list']>[1];
type Assessment = Awaited<ReturnType<AssessmentService['list']>>['items'][number];

const staffColumns: ExportColumn<PresentedStaff>[] = [
  { header: '姓名', width: 10, value: (s) => s.name },
  { header: '性别', width: 6, value: (s) => s.genderLabel },
  { header: '身份证号', width: 21, value: (s) => s.idNumber },
  { header: '出生日期', width: 12, value: (s) => s.birthDate },
  { header: '手机号', width: 14, value: (s) => s.phone },
  { header: '人员类型', width: 20, value: (s) => [...new Set(s.assignments.map((a) => a.roleLabel))].join('、') },
  { header: '任职网格', width: 48, value: (s) => s.assignments.map((a) => `${a.roleLabel}：${a.gridName}（${a.gridCode}）`).join('\n') },
  { header: '管理街道（乡镇）', width: 16, value: (s) => s.townshipName },
  { header: '县（市、区）', width: 14, value: (s) => s.countyName },
  { header: '工作单位', width: 20, value: (s) => s.employer },
  { header: '家庭住址', width: 24, value: (s) => s.homeAddress },
  { header: '聘用合同开始日期', width: 14, value: (s) => s.contractStart },
  { header: '聘用合同结束日期', width: 14, value: (s) => s.contractEnd },
  { header: '状态', width: 8, value: (s) => (s.status === 'active' ? '在岗' : '已退出') },
  { header: '平台账号', width: 9, value: (s) => (s.hasAccount ? '已关联' : '未关联') },
];

const assessmentColumns: ExportColumn<Assessment>[] = [
  { header: '姓名', width: 10, value: (a) => a.staffName },
  { header: '街道（乡镇）', width: 16, value: (a) => a.townshipName },
  { header: '考核类型', width: 10, value: (a) => a.kindLabel },
  { header: '考核期间', width: 12, value: (a) => a.period },
  { header: '分数', width: 8, value: (a) => a.score },
  { header: '等次', width: 10, value: (a) => a.gradeLabel },
  { header: '评语', width: 40, value: (a) => a.remarks },
  { header: '考核日期', width: 12, value: (a) => a.assessedOn },
  { header: '考核人', width: 18, value: (a) => a.assessor },
  { header: '考核单位', width: 24, value: (a) => a.assessorUnit },
];

/**
 * Lists as spreadsheets: exactly what the list endpoints return to the same user with the same
 * filters (the same access checks, the presenter's masking), every text cell neutralised against
 * formulas; each export is written to the audit log.
 */
export function createStaffExportService(deps: { db: Database; clock: Clock; tree: DivisionTree; staff: StaffService; assessments: AssessmentService }) {
  const { db, clock, tree, staff, assessments } = deps;
  let busy = 0;

  async function limited<T>(f: () => Promise<T>): Promise<T> {
    if (busy >= MAX_CONCURRENT) throw new AppError('rate_limited', '正在生成的导出较多，请稍后再试');
    busy++;
    try {
      return await f();
    } finally {
      busy--;
    }
  }
  const areaName = (actor: Actor, within?: string) => tree.get(within ?? actor.scopeCode ?? '')?.name ?? '';
  const audit = (actor: Actor, action: string, after: unknown) => db.transaction().execute((tx) => writeAudit(tx, clock, actor, { action, entity: 'export', after }));

  return {
    async staffXlsx(actor: Actor, q: Omit<StaffListQuery, 'limit' | 'offset'>) {
      return limited(async () => {
        const items: PresentedStaff[] = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await staff.list(actor, { ...q, limit: PAGE, offset });
          if (offset === 0 && page.total > MAX_EXPORT_ROWS) throw new AppError('invalid', `共 ${page.total} 人，超过一次导出的上限 ${MAX_EXPORT_ROWS.toLocaleString('en')} 人，请按区域或人员类型分批导出`);
          items.push(...page.items);
          if (page.items.length < PAGE || items.length >= MAX_EXPORT_ROWS) break;
        }
        const data = await writeTable('网格人员', staffColumns, items, { title: '网格人员名单' });
        await audit(actor, 'staff.export', { query: q, rows: items.length });
        return { data, fileName: `网格人员_${areaName(actor, q.within)}_${dayOf(clock.now())}.xlsx` };
      });
    },

    async assessmentsXlsx(actor: Actor, q: Omit<AssessmentListQuery, 'limit'>) {
      return limited(async () => {
        const { items } = await assessments.list(actor, { ...q, limit: MAX_EXPORT_ROWS + 1 });
        if (items.length > MAX_EXPORT_ROWS) throw new AppError('invalid', `考核记录超过一次导出的上限 ${MAX_EXPORT_ROWS.toLocaleString('en')} 条，请按区域或期间分批导出`);
        const data = await writeTable('考核', assessmentColumns, items, { title: '网格员考核' });
        await audit(actor, 'assessment.export', { query: q, rows: items.length });
        return { data, fileName: `网格员考核_${areaName(actor, q.within)}_${dayOf(clock.now())}.xlsx` };
      });
    },
  };
}
export type StaffExportService = ReturnType<typeof createStaffExportService>;
