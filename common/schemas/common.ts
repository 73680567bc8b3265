import { z } from 'zod';

/** 12-digit statistical division code (NBS 统计用区划代码), or a locally assigned code of the same form. */
export const DivisionCodeSchema = z.string().regex(/^\d{12}$/, '区划代码必须是 12 位数字');
/** Grid and micro-grid codes: 14 to 18 digits depending on the coding scheme. */
export const GridCodeSchema = z.string().regex(/^\d{14,18}$/, '网格编码必须是 14 到 18 位数字');
export const IdSchema = z.string().min(1).max(64);

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ code: z.string(), message: z.string() }).loose()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const PositionSchema = z.tuple([z.number(), z.number()]);
/** A boundary as received: checked in depth by common/geo/geometry-check, so only the outline is typed here. */
export const BoundaryInputSchema = z.unknown().refine((v) => v !== undefined && v !== null, '缺少边界（GeoJSON）');
export const GeometrySchema = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()),
});

// Messages zod writes itself (type mismatches, missing fields) come out in Chinese too.
z.config(z.locales.zhCN());
