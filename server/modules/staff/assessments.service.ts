import { AppError } from '../../../common/app-error';
import { assessmentKindLabels, gradeLabels, gradeOf, type Grade } from '../../../common/domain/staff';
import type { Database } from '../../db/client';
import { dayOf, type Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { assessmentsRepo } from './assessments.repo';
import { scopePrefix } from './staff.policy';
import { staffRepo } from './staff.repo';

/**
 * What the platform itself knows of a worker's work in a period, to sit beside the assessor's score.
 * The matters loop and patrols provide these once they exist; until then every figure is null and
 * the assessment screens say so.
 */
export interface PlatformFigures {
  mattersReported: number | null;
  mattersResolvedOnSpot: number | null;
  mattersClosedOnTime: number | null;
  satisfactionRate: number | null;
  patrolHours: number | null;
  visits: number | null;
}
export interface FigureSource {
  figuresFor(staffId: string, from: string, to: string): Promise<PlatformFigures>;
}
export const noFiguresYet: FigureSource = {
  async figuresFor() {
    return { mattersReported: null, mattersResolvedOnSpot: null, mattersClosedOnTime: null, satisfactionRate: null, patrolHours: null, visits: null };
  },
};

const periodRange = (kind: 'daily' | 'annual', period: string): [string, string] => (kind === 'daily' ? [period, period] : [`${period}-01-01`, `${period}-12-31`]);

/** Daily assessment by the community station, annual by the street centre (Art. 5, 29). */
export function createAssessmentService(deps: { db: Database; clock: Clock; tree: DivisionTree; figures?: FigureSource }) {
  const { db, clock, tree } = deps;
  const figures = deps.figures ?? noFiguresYet;

  return {
    async record(actor: Actor, input: { staffId: string; kind: 'daily' | 'annual'; period: string; score: number; grade?: Grade; remarks?: string | null }) {
      const staff = await staffRepo.byId(db, input.staffId);
      if (!staff) throw new AppError('not_found', '没有这名人员');
      const day = dayOf(clock.now());
      if (input.kind === 'daily') {
        requirePermission(actor, 'staff.assess_daily', '进行日常考核');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(input.period)) throw new AppError('invalid', '日常考核的期间应为日期（YYYY-MM-DD）');
        if (input.period > day) throw new AppError('invalid', '不能考核未来的日期');
        const serving = await staffRepo.assignmentsOf(db, [staff.id], input.period);
        if (!serving.some((a) => inScope(actor, a.division_code))) throw new AppError('forbidden', `${staff.name}在 ${input.period} 没有在本社区（村）任职`);
      } else {
        requirePermission(actor, 'staff.assess_annual', '进行年度考核');
        if (!/^\d{4}$/.test(input.period)) throw new AppError('invalid', '年度考核的期间应为年份（YYYY）');
        if (input.period > day.slice(0, 4)) throw new AppError('invalid', '不能考核未来的年度');
        if (!inScope(actor, staff.township_code)) throw new AppError('forbidden', `${staff.name}不由本街道（乡镇）管理`);
      }
      const grade = input.grade ?? gradeOf(input.score);
      const [from, to] = periodRange(input.kind, input.period);
      const id = newId(clock.now().getTime());
      await db.transaction().execute(async (tx) => {
        const r = await assessmentsRepo.insert(tx, {
          id,
          staff_id: staff.id,
          kind: input.kind,
          period: input.period,
          score: input.score,
          grade,
          remarks: input.remarks ?? null,
          assessor_id: actor.id,
          assessor_division: actor.scopeCode!,
          assessed_on: day,
          figures: JSON.stringify(await figures.figuresFor(staff.id, from, to)),
          created_at: clock.now(),
        });
        if (Number(r[0]?.numInsertedOrUpdatedRows ?? 0) === 0) throw new AppError('conflict', `${staff.name}在该期间已有${assessmentKindLabels[input.kind]}记录`);
        await writeAudit(tx, clock, actor, { action: 'assessment.record', entity: 'staff', entityId: staff.id, after: { kind: input.kind, period: input.period, score: input.score, grade } });
      });
      return { id, grade, gradeLabel: gradeLabels[grade] };
    },

    async list(actor: Actor, q: { within?: string; kind?: 'daily' | 'annual'; period?: string; staffId?: string; limit: number }) {
      requirePermission(actor, 'staff.read', '查看考核');
      const own = scopePrefix(actor);
      if (!own) return { items: [], figuresNote: '' };
      const prefix = q.within ? scopePrefix({ ...actor, scopeCode: q.within }) : own;
      if (!prefix || !prefix.startsWith(own)) throw new AppError('forbidden', '所选区域不在您的管辖范围内');
      const rows = await assessmentsRepo.list(db, { prefix, kind: q.kind, period: q.period, staffId: q.staffId, limit: q.limit });
      return {
        items: rows.map((r) => ({
          id: r.id,
          staffId: r.staff_id,
          staffName: r.staff_name,
          townshipName: tree.get(r.township_code)?.name ?? r.township_code,
          kind: r.kind,
          kindLabel: assessmentKindLabels[r.kind],
          period: r.period,
          score: r.score,
          grade: r.grade,
          gradeLabel: gradeLabels[r.grade],
          remarks: r.remarks,
          assessedOn: r.assessed_on,
          assessor: r.assessor_name,
          assessorUnit: tree.get(r.assessor_division)?.name ?? r.assessor_division,
          platformFigures: (r.figures as PlatformFigures | null) ?? null,
        })),
        figuresNote: '平台统计（上报事项、就地解决、按时办结、满意度、巡查走访）将在事项与巡查功能上线后自动计算。',
      };
    },
  };
}
export type AssessmentService = ReturnType<typeof createAssessmentService>;
