import { AppError } from '../../common/app-error';
import { checkAreaGeometry, outsideAreaM2, overlapAreaM2, uncoveredPart, unionOf } from '../../common/geo/geometry-check';

/** The heavy geometry operations, by name, so they can run on a worker thread as well as inline. */
export const geometryOps = { checkAreaGeometry, outsideAreaM2, overlapAreaM2, uncoveredPart, unionOf };
export type GeometryOpName = keyof typeof geometryOps;

export interface GeometryTask {
  op: GeometryOpName;
  args: unknown[];
}
export type GeometryOutcome = { ok: true; value: unknown } | { ok: false; error: { code: AppError['code']; message: string } | { message: string } };

/** Runs one task; errors travel back as data (an AppError's class does not survive a thread boundary). */
export function runGeometryTask(task: GeometryTask): GeometryOutcome {
  const fn = geometryOps[task.op] as (...a: unknown[]) => unknown;
  if (typeof fn !== 'function') return { ok: false, error: { message: `unknown geometry op ${String(task.op)}` } };
  try {
    return { ok: true, value: fn(...task.args) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } };
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e) } };
  }
}
