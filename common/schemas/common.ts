import { z } from 'zod';

/** 12-digit statistical division code (NBS 统计用区划代码), or a locally assigned code of the same form. */
export const DivisionCodeSchema = z.string().regex(/^\d{12}$/, '区划代码必须是 12 位数字');
/** Grid and micro-grid codes: 14 to 18 digits depending on the coding scheme. */
export const GridCodeSchema = z.string().regex(/^\d{14,18}$/, '网格编码必须是 14 到 18 位数字');
/** Record ids are UUIDv7 made by the platform. */
export const IdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '编号格式不正确');

/** A whole number from a query string: digits only (an empty or non-numeric value is an error, not 0 or NaN). */
export function queryInt(label: string, min: number, max: number) {
  return z
    .string({ error: `${label}必须是整数` })
    .trim()
    .regex(/^\d+$/, `${label}必须是整数`)
    .transform(Number)
    .pipe(z.number().min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`));
}

/** The platform keeps no history from before this moment; earlier dates are typing mistakes. */
export const EARLIEST_DATE = '2000-01-01T00:00:00+08:00';

/** An ISO 8601 moment with offset, from 2000 on. */
export function isoMoment(label: string) {
  return z.iso
    .datetime({ offset: true, error: `${label}格式不正确（ISO 8601，如 2026-06-01T08:00:00+08:00）` })
    .refine((s) => new Date(s).getTime() >= new Date(EARLIEST_DATE).getTime(), `${label}不能早于 2000 年`);
}

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
