import { z } from 'zod';
import type { Priority, PublishedType } from '../domain/catalogue';
import { limitProblem, stepLabels, TYPE_CODE, type CatalogueStatus } from '../domain/catalogue-terms';
import type { Step } from '../domain/matter-flow';
import { DEPARTMENT_SECTORS, SERVICE_SECTORS } from '../domain/organisations';
import { queryInt } from './common';
import { freeText, nameText } from './text';

/** The sector keys a type may be given to: a linked department or a service unit (Art. 4). */
export const RESPONSIBLE_SECTORS = [...DEPARTMENT_SECTORS, ...SERVICE_SECTORS].map((s) => ({ key: s.key, label: s.label, kind: DEPARTMENT_SECTORS.some((d) => d.key === s.key) ? 'department' : 'service_unit' }));
const sectorKeys = RESPONSIBLE_SECTORS.map((s) => s.key) as [string, ...string[]];

export const SectorKeySchema = z.enum(sectorKeys, {
  error: (iss) =>
    iss.input === undefined || iss.input === null || iss.input === ''
      ? '每个事项都须指定责任单位（网格联动部门或网格服务单位）'
      : `未知的责任单位“${String(iss.input)}”（应为网格联动部门或网格服务单位的代号，如 mz 民政、gs 供水）`,
});

export const TypeCodeSchema = z.string({ error: '事项编码必须是文字' }).regex(TYPE_CODE, '事项编码为 6 位数字：一级分类 2 位、二级分类 2 位、序号 2 位，如 090102');

const LimitUnitSchema = z.enum(['working_hours', 'calendar_hours'], { error: '时限单位只能是工作小时（working_hours）或自然小时（calendar_hours）' });

function timeLimit(step: Step) {
  const label = `${stepLabels[step]}时限`;
  return z
    .object({ amount: z.number({ error: `${label}必须是小时数` }), unit: LimitUnitSchema }, { error: `请填写${label}` })
    .superRefine((l, ctx) => {
      const p = limitProblem(l);
      if (p) ctx.addIssue({ code: 'custom', message: `${label}：${p}`, path: ['amount'] });
    });
}
export const TimeLimitSchema = timeLimit('handling');
export const LimitsSchema = z.object(
  { dispatch: timeLimit('dispatch'), handling: timeLimit('handling'), verification: timeLimit('verification'), feedback: timeLimit('feedback') },
  { error: '请填写派遣、处置、现场核查、反馈四个时限' },
);

export const PrioritySchema = z.enum(['normal', 'urgent', 'top'], { error: '优先级只能是一般（normal）、紧急（urgent）或特急（top）' });

/** Everything about a type that the county decides (Art. 15: 明确职责任务). */
export const TypeFieldsSchema = z.object({
  name: nameText('事项名称', 2, 40),
  art14Kind: z.number({ error: '请选择条例第十四条规定的事项类别（1–10）' }).int('事项类别为 1–10 的整数').min(1, '事项类别为 1–10').max(10, '事项类别为 1–10'),
  duties: freeText('职责任务', 2, 500),
  defaultSector: SectorKeySchema,
  limits: LimitsSchema,
  needsVerification: z.boolean({ error: '请说明是否需要现场核查' }),
  needsFeedback: z.boolean({ error: '请说明是否需要向群众反馈' }),
  priority: PrioritySchema,
  directToPolice: z.boolean({ error: '请说明是否直接转公安' }),
});
export type TypeFields = z.infer<typeof TypeFieldsSchema>;

/** A change of some fields of a type in a draft. */
export const TypePatchSchema = TypeFieldsSchema.partial()
  .extend({
    /** The county has looked at the default limits and keeps them as they are. */
    limitsReviewed: z.literal(true).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有要修改的内容');
export type TypePatch = z.infer<typeof TypePatchSchema>;

/** A type entering the catalogue (准入). A new level-1 or level-2 group needs its name. */
export const NewTypeSchema = TypeFieldsSchema.extend({
  code: TypeCodeSchema,
  level1Name: nameText('一级分类名称', 2, 20).optional(),
  level2Name: nameText('二级分类名称', 2, 30).optional(),
}).strict();
export type NewType = z.infer<typeof NewTypeSchema>;

export const DraftInputSchema = z.object({ note: freeText('修订说明', 0, 500).optional() }).strict();
export const SubmitSchema = z.object({ note: freeText('修订说明', 0, 500).optional() }).strict();
export const RefuseSchema = z.object({ reason: freeText('退回理由', 2, 500, '请写明退回修改的理由') }, { error: '请写明退回修改的理由' }).strict();
export const ApproveSchema = z.object({ reference: nameText('批准文件', 2, 60).optional() }).strict();

export const TypeSearchQuerySchema = z.object({
  q: z.string().trim().max(40, '搜索词不超过 40 个字').optional(),
  limit: queryInt('条数', 1, 300).optional(),
});

/** A type as the API shows it: the published shape plus what the county still has to review. */
export interface CatalogueType extends PublishedType {
  sectorLabel: string;
  /** The duties are the platform's default text for the group. */
  dutiesDefault: boolean;
  /** The limits are the platform's defaults and the county has not reviewed them yet. */
  limitsDefault: boolean;
  /** Where the default handling limit comes from (resources/catalogue/SOURCE.md §3). */
  handlingBasis: string | null;
  /** Provenance of the row in the default catalogue; null for a type the county added. */
  source: string | null;
}

export interface CatalogueVersion {
  id: string;
  countyCode: string;
  countyName: string;
  version: number;
  status: CatalogueStatus;
  statusLabel: string;
  origin: 'default' | 'county';
  basedOnId: string | null;
  basedOnVersion: number | null;
  note: string | null;
  refusalReason: string | null;
  approvalRef: string | null;
  createdAt: string;
  createdBy: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
  supersededAt: string | null;
  typeCount: number;
  limitsDefaultCount: number;
}

export interface TypeChange {
  field: string;
  label: string;
  before: string;
  after: string;
}
export interface CatalogueDiff {
  against: { id: string; version: number } | null;
  added: CatalogueType[];
  removed: CatalogueType[];
  changed: { code: string; name: string; before: CatalogueType; after: CatalogueType; changes: TypeChange[] }[];
}

export type { Priority };
