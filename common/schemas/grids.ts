import { z } from 'zod';
import { changeKindLabels, gridKindLabels, gridSubKindLabels, partyOrgLabels } from '../i18n/zh-CN';
import { BoundaryInputSchema, DivisionCodeSchema, GridCodeSchema, isoMoment, queryInt } from './common';
import { DivisionRefSchema } from './territory';
import { freeText, nameText } from './text';

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
export const GridKindSchema = z.enum(Object.keys(gridKindLabels) as Keys<typeof gridKindLabels>, {
  error: '网格类型必须是城市网格、农村网格或专属网格',
});
export type GridKind = z.infer<typeof GridKindSchema>;
export const GridSubKindSchema = z.enum(Object.keys(gridSubKindLabels) as Keys<typeof gridSubKindLabels>, {
  error: '网格划分单元不正确',
});
export type GridSubKind = z.infer<typeof GridSubKindSchema>;
export const PartyOrgTypeSchema = z.enum(Object.keys(partyOrgLabels) as Keys<typeof partyOrgLabels>, {
  error: '党组织形式必须是党支部、党小组或联合党支部',
});
export const GridLevelSchema = z.enum(['grid', 'micro']);
export const GridStatusSchema = z.enum(['active', 'retired']);
export const ChangeKindSchema = z.enum(Object.keys(changeKindLabels) as Keys<typeof changeKindLabels>);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** Which unit types each grid kind is drawn by (Art. 7). */
export const subKindsOf: Record<GridKind, GridSubKind[]> = {
  urban: ['resident_group', 'residential_compound', 'courtyard'],
  rural: ['villager_group', 'natural_village'],
  exclusive: ['admin_centre', 'office_building', 'market', 'school', 'hospital', 'park', 'enterprise'],
};

const name = nameText('网格名称', 2, 60);
const count = (label: string) =>
  z.number({ error: `${label}必须是数字` }).int(`${label}必须是整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}过大`);

export const PartyOrgSchema = z.object({
  type: PartyOrgTypeSchema,
  name: nameText('党组织名称', 2, 80),
});

const attrsShape = {
  name,
  kind: GridKindSchema,
  subKind: GridSubKindSchema,
  owningUnit: nameText('所属单位名称', 2, 80).nullish(),
  households: count('户数').nullish(),
  population: count('人口').nullish(),
  partyOrg: PartyOrgSchema.nullish(),
};
/** Attributes of a grid version; the kind/sub-kind/owning-unit consistency is checked by `checkGridAttrs`. */
export const GridAttrsSchema = z.object({ ...attrsShape, boundary: BoundaryInputSchema });
export type GridAttrsInput = z.infer<typeof GridAttrsSchema>;

const reason = freeText('调整原因', 4, 500, '请填写调整原因（至少 4 个字）');

export const ChangeInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('create'),
      reason,
      divisionCode: DivisionCodeSchema,
      parentGridCode: GridCodeSchema.nullish(),
      grid: GridAttrsSchema,
    }),
    z.object({
      kind: z.literal('split'),
      reason,
      gridCode: GridCodeSchema,
      parts: z.array(GridAttrsSchema).min(2, '拆分至少要有 2 个部分').max(20, '一次最多拆分为 20 个网格'),
    }),
    z.object({
      kind: z.literal('merge'),
      reason,
      gridCodes: z.array(GridCodeSchema).min(2, '合并至少需要 2 个网格').max(20, '一次最多合并 20 个网格'),
      grid: z.object({ ...attrsShape, boundary: BoundaryInputSchema.optional() }),
    }),
    z.object({
      kind: z.literal('redraw'),
      reason,
      gridCode: GridCodeSchema,
      grid: z
        .object({
          name: attrsShape.name.optional(),
          subKind: GridSubKindSchema.optional(),
          owningUnit: attrsShape.owningUnit,
          households: attrsShape.households,
          population: attrsShape.population,
          partyOrg: attrsShape.partyOrg,
          boundary: BoundaryInputSchema.optional(),
        }),
    }),
    z.object({ kind: z.literal('retire'), reason, gridCode: GridCodeSchema }),
  ],
  { error: '调整类型必须是新建、拆分、合并、调整边界或撤销之一' },
);
export type ChangeInput = z.infer<typeof ChangeInputSchema>;
export const ProposeChangeSchema = z.intersection(ChangeInputSchema, z.object({ apply: z.boolean().optional() }));

export const IssueSchema = z.object({ code: z.string(), message: z.string() }).loose();
export type Issue = z.infer<typeof IssueSchema>;
export const ValidationReportSchema = z.object({
  ok: z.boolean(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;

export const GridSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  level: GridLevelSchema,
  kind: GridKindSchema,
  subKind: GridSubKindSchema,
  status: GridStatusSchema,
  parentCode: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  townshipCode: z.string().nullable(),
  countyCode: z.string(),
  version: z.number(),
});
export type GridSummary = z.infer<typeof GridSummarySchema>;

/** What a version of a grid holds beyond its identity. */
const versionFields = {
  owningUnit: z.string().nullable(),
  households: z.number().nullable(),
  population: z.number().nullable(),
  partyOrg: PartyOrgSchema.nullable(),
  boundary: z.any(),
  areaM2: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
};

export const GridVersionSchema = z.object({
  version: z.number(),
  name: z.string(),
  subKind: GridSubKindSchema,
  ...versionFields,
  changeId: z.string().nullable(),
  changeKind: ChangeKindSchema.nullable(),
  reason: z.string().nullable(),
  author: z.string().nullable(),
});
export type GridVersion = z.infer<typeof GridVersionSchema>;

export const GridDetailSchema = z.object({
  grid: GridSummarySchema.extend(versionFields),
  path: z.array(DivisionRefSchema),
  history: z.array(GridVersionSchema),
  microGrids: z.array(GridSummarySchema),
});
export type GridDetail = z.infer<typeof GridDetailSchema>;

export const GridListQuerySchema = z.object({
  within: z.string().regex(/^\d{12}$/, '区划代码必须是 12 位数字').optional(),
  status: z.enum(['active', 'retired', 'all'], { error: '状态必须是 active（现行）、retired（已撤销）或 all（全部）' }).default('active'),
  level: z.enum(['grid', 'micro', 'all'], { error: '层级必须是 grid（网格）、micro（微网格）或 all（全部）' }).default('grid'),
  asOf: isoMoment('历史时刻').optional(),
  bbox: z
    .string()
    .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'bbox 格式为 最小经度,最小纬度,最大经度,最大纬度')
    .optional(),
  format: z.enum(['json', 'geojson'], { error: '格式必须是 json 或 geojson' }).default('json'),
  limit: queryInt('limit（条数）', 1, 10000).default(10000),
  offset: queryInt('offset（起始位置）', 0, 10_000_000).default(0),
});
export type GridListQuery = z.infer<typeof GridListQuerySchema>;

/** A coordinate from a query string: present, a finite decimal number, within range (an empty value is not 0). */
const coordinate = (label: string, limit: number) =>
  z
    .string({ error: `缺少${label}` })
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `${label}必须是十进制数字`)
    .transform(Number)
    .pipe(z.number().min(-limit, `${label}必须在 -${limit} 到 ${limit} 之间`).max(limit, `${label}必须在 -${limit} 到 ${limit} 之间`));

export const LookupQuerySchema = z.object({
  lng: coordinate('经度', 180),
  lat: coordinate('纬度', 90),
  crs: z.enum(['wgs84', 'cgcs2000', 'gcj02'], { error: '坐标系必须是 wgs84、cgcs2000 或 gcj02' }).default('wgs84'),
});
export const LookupResultSchema = z.object({
  point: z.object({ lng: z.number(), lat: z.number() }),
  found: z.boolean(),
  message: z.string(),
  grid: z.object({ code: z.string(), name: z.string(), kind: GridKindSchema }).nullable(),
  microGrid: z.object({ code: z.string(), name: z.string() }).nullable(),
  community: DivisionRefSchema.nullable(),
  township: DivisionRefSchema.nullable(),
  /** The county-level unit that manages the place: a county, or a management area such as 五大连池风景名胜区. */
  county: DivisionRefSchema.nullable(),
  /** The administrative county the point lies in (differs from `county` inside a management area). */
  adminCounty: DivisionRefSchema.nullable(),
});
export type LookupResult = z.infer<typeof LookupResultSchema>;

export const ChangeSchema = z.object({
  id: z.string(),
  kind: ChangeKindSchema,
  status: z.enum(['proposed', 'applied', 'withdrawn']),
  countyCode: z.string(),
  countyName: z.string(),
  divisionCode: z.string().nullable(),
  reason: z.string(),
  summary: z.string(),
  payload: z.any(),
  warnings: z.array(IssueSchema),
  proposedBy: z.string(),
  proposedAt: z.string(),
  appliedBy: z.string().nullable(),
  appliedAt: z.string().nullable(),
  resultCodes: z.array(z.string()),
});
export type Change = z.infer<typeof ChangeSchema>;

export const FilingSchema = z.object({
  id: z.string(),
  changeId: z.string(),
  changeKind: ChangeKindSchema,
  countyCode: z.string(),
  countyName: z.string(),
  summary: z.string(),
  reason: z.string(),
  resultCodes: z.array(z.string()),
  filedAt: z.string(),
  filedBy: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type Filing = z.infer<typeof FilingSchema>;
export const AcknowledgeSchema = z.object({ note: freeText('备注', 0, 500).optional() });
export const FilingListQuerySchema = z.object({
  status: z.enum(['pending', 'acknowledged', 'all'], { error: '状态必须是 pending（待确认）、acknowledged（已确认）或 all（全部）' }).default('pending'),
});
export { DivisionCodeSchema };
