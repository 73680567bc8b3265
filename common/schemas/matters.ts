import { z } from 'zod';
import { DivisionCodeSchema, GridCodeSchema, IdSchema, isoMoment, queryInt } from './common';
import { LookupQuerySchema } from './grids';
import { OrgCodeSchema, phoneSchema } from './staff';
import { freeText, nameText } from './text';

const coordinate = (label: string, limit: number) =>
  z.number({ error: `${label}必须是数字` }).finite(`${label}必须是有限的数字`).min(-limit, `${label}超出范围`).max(limit, `${label}超出范围`);

export const MatterLocationSchema = z.object({
  lng: coordinate('经度', 180),
  lat: coordinate('纬度', 90),
  crs: z.enum(['wgs84', 'cgcs2000', 'gcj02'], { error: '坐标系必须是 wgs84、cgcs2000 或 gcj02' }).default('wgs84'),
  /** Taken from the phone's GPS, or picked on the map. */
  source: z.enum(['gps', 'map'], { error: '位置来源必须是 gps 或 map' }),
  accuracyM: z.number().min(0).max(100_000).optional(),
});

/** Ids of photos uploaded beforehand (POST /api/matter-photos), at most 9. */
const photoKeys = z.array(IdSchema).max(9, '最多 9 张照片').default([]);

export const TypeCodeSchema = z.string().regex(/^\d{6}$/, '事项类型编码为 6 位数字');

export const IntakeSchema = z
  .object({
    /** The phone's own id for this report: a retried submission with the same key creates no second matter. */
    clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '客户端编号格式不正确').optional(),
    typeCode: TypeCodeSchema,
    description: freeText('事项描述', 4, 2000, '请描述事项（至少 4 个字）'),
    location: MatterLocationSchema.optional(),
    /** Without coordinates (hotline, department): the grid or the division the matter concerns. */
    gridCode: GridCodeSchema.optional(),
    divisionCode: DivisionCodeSchema.optional(),
    address: freeText('地址', 0, 200).optional(),
    photoKeys,
    /** 就地解决: the worker resolved it at once; the result is recorded for the file (Art. 21). */
    resolvedOnSpot: z.boolean().default(false),
    result: freeText('处置结果', 0, 2000).optional(),
    /** Hotline and department intake: the caller. */
    reporter: z
      .object({
        name: nameText('反映人姓名', 1, 20).optional(),
        phone: phoneSchema('反映人电话', { allowLandline: true }).optional(),
        anonymous: z.boolean().default(false),
      })
      .optional(),
    source: z.enum(['worker', 'department', 'hotline'], { error: '来源必须是 worker、department 或 hotline' }).optional(),
  })
  .refine((v) => v.location || v.gridCode || v.divisionCode, '请提供事项位置（定位、地图选点、网格或区划）')
  .refine((v) => !v.resolvedOnSpot || (v.result && v.result.length >= 2), '就地解决须填写处置结果');
export type IntakeInput = z.infer<typeof IntakeSchema>;

/** A resident's report from the grid's QR link or the public site: anonymous, or with a phone. */
export const ResidentReportSchema = z.object({
  typeCode: TypeCodeSchema,
  description: freeText('事项描述', 4, 1000, '请描述您反映的问题（至少 4 个字）'),
  phone: phoneSchema('联系电话').optional(),
  location: MatterLocationSchema.optional(),
  address: freeText('地址', 0, 200).optional(),
  photoKeys,
});

export const ActSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('handle_self'), reason: freeText('说明', 0, 500).optional() }),
    z.object({ action: z.literal('escalate'), reason: freeText('上报理由', 2, 500, '请填写上报理由') }),
    z.object({
      action: z.literal('dispatch'),
      orgCode: OrgCodeSchema,
      /** Required when the unit differs from the catalogue's default (changeable with a reason). */
      reason: freeText('派遣说明', 0, 500).optional(),
    }),
    z.object({ action: z.literal('accept'), reason: freeText('说明', 0, 500).optional() }),
    z.object({ action: z.literal('return'), reason: freeText('回退理由', 4, 500, '请填写回退理由（至少 4 个字）') }),
    z.object({ action: z.literal('report_result'), result: freeText('处置结果', 2, 2000, '请填写处置结果'), photoKeys }),
    z.object({ action: z.literal('verify'), passed: z.boolean(), reason: freeText('核查情况', 2, 1000, '请填写核查情况'), photoKeys }),
    z.object({
      action: z.literal('feed_back'),
      method: z.enum(['phone', 'visit', 'message'], { error: '反馈方式必须是电话、上门或短信' }),
      reason: freeText('反馈情况', 2, 1000, '请填写反馈情况'),
    }),
    z.object({
      action: z.literal('request'),
      kind: z.enum(['extension', 'park', 'void'], { error: '申请类型必须是延期、挂账或作废' }),
      reason: freeText('申请理由', 4, 500, '请填写申请理由（至少 4 个字）'),
      /** Extension: how much more time (working hours), at most 30 working days. */
      extraHours: z.number().int().min(1, '延期时长至少 1 小时').max(240, '一次延期不超过 240 个工作小时').optional(),
    }),
    z.object({ action: z.literal('decide_request'), approved: z.boolean(), reason: freeText('审批意见', 2, 500, '请填写审批意见') }),
    z.object({ action: z.literal('unpark'), reason: freeText('说明', 2, 500, '请填写恢复办理的理由') }),
    z.object({ action: z.literal('merge'), intoMatterId: IdSchema, reason: freeText('说明', 0, 500).optional() }),
  ],
  { error: '不支持的操作' },
);
export type ActInput = z.infer<typeof ActSchema>;

export const RatingSchema = z.object({
  rating: z.enum(['satisfied', 'basically', 'unsatisfied'], { error: '请选择满意、基本满意或不满意' }),
  reason: freeText('不满意的原因', 0, 500).optional(),
});

export const MatterListQuerySchema = z.object({
  within: DivisionCodeSchema.optional(),
  state: z.enum(['open', 'pending', 'dispatched', 'handling', 'verifying', 'feedback', 'closed', 'parked', 'voided', 'all'], { error: '状态不正确' }).default('open'),
  /** My queue: what waits for my action (my level's pending, my unit's dispatched and handling, my grids' verification and feedback). */
  queue: z.enum(['mine', 'all'], { error: 'queue 必须是 mine 或 all' }).default('all'),
  mark: z.enum(['yellow', 'red'], { error: '标记必须是 yellow 或 red' }).optional(),
  typeCode: TypeCodeSchema.optional(),
  since: isoMoment('开始时间').optional(),
  q: freeText('搜索词', 0, 30).optional(),
  limit: queryInt('limit（条数）', 1, 500).default(100),
  offset: queryInt('offset（起始位置）', 0, 10_000_000).default(0),
});
export type MatterListQuery = z.infer<typeof MatterListQuerySchema>;

export const DuplicateQuerySchema = LookupQuerySchema.extend({ typeCode: TypeCodeSchema });

export const RefusalSchema = z.object({
  askedBy: nameText('提出要求的单位或个人', 2, 80),
  askerOrgCode: OrgCodeSchema.optional(),
  description: freeText('所要求的工作', 4, 500, '请写明所要求的工作'),
  reason: freeText('拒绝理由', 4, 500, '请写明拒绝理由（如：不在事项清单之内）'),
});
