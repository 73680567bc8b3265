import { z } from 'zod';
import { divisionKindLabels, specialUnitLabels } from '../i18n/zh-CN';
import { queryInt } from './common';

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
export const DivisionLevelSchema = z.enum(['city', 'county', 'township', 'village']);
export type DivisionLevel = z.infer<typeof DivisionLevelSchema>;
export const DivisionKindSchema = z.enum(Object.keys(divisionKindLabels) as Keys<typeof divisionKindLabels>);
export type DivisionKind = z.infer<typeof DivisionKindSchema>;
export const SpecialUnitSchema = z.enum(Object.keys(specialUnitLabels) as Keys<typeof specialUnitLabels>);

export const DivisionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: DivisionLevelSchema,
  kind: DivisionKindSchema,
  kindLabel: z.string(),
  special: SpecialUnitSchema.nullable(),
  parentCode: z.string().nullable(),
  codeSource: z.enum(['nbs', 'local']),
  hasBoundary: z.boolean(),
  boundarySource: z.string().nullable(),
});
export type Division = z.infer<typeof DivisionSchema>;

export const DivisionRefSchema = z.object({ code: z.string(), name: z.string() });
export type DivisionRef = z.infer<typeof DivisionRefSchema>;

export const DivisionNodeSchema = z.object({
  division: DivisionSchema,
  path: z.array(DivisionRefSchema),
  children: z.array(DivisionSchema.extend({ activeGrids: z.number() })),
  activeGrids: z.number(),
});
export type DivisionNode = z.infer<typeof DivisionNodeSchema>;

export const DivisionSearchQuerySchema = z.object({
  q: z.string().trim().min(1, '请输入名称或代码').max(50, '搜索词过长'),
  limit: queryInt('limit（条数）', 1, 100).default(20),
});
export const DivisionSearchResultSchema = z.object({
  items: z.array(DivisionSchema.extend({ pathName: z.string() })),
});
