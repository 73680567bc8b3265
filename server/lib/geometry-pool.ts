import { Piscina } from 'piscina';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../common/app-error';
import type { CheckAreaResult } from '../../common/geo/geometry-check';
import type { AreaGeometry } from '../../common/geo/types';
import { runGeometryTask, type GeometryOpName, type GeometryOutcome } from './geometry-ops';

/**
 * Geometry checks for grid changes. A few hundred vertices take microseconds and run inline; a
 * large boundary (a 20,000-vertex survey outline takes over a second against a county outline)
 * runs on a worker thread so the event loop keeps answering lookups and health checks. The queue is
 * bounded: past it, callers are told the system is busy instead of piling up.
 */
export interface Geometry {
  checkAreaGeometry(input: unknown): Promise<CheckAreaResult>;
  outsideAreaM2(inner: AreaGeometry, outer: AreaGeometry): Promise<number>;
  overlapAreaM2(a: AreaGeometry, b: AreaGeometry): Promise<number>;
  uncoveredPart(container: AreaGeometry, parts: AreaGeometry[]): Promise<{ areaM2: number; geometry: AreaGeometry | null }>;
  unionOf(parts: AreaGeometry[]): Promise<AreaGeometry>;
  /** How many tasks ran inline and how many on a worker thread (for tests and the benchmark). */
  stats(): { inline: number; offloaded: number };
  close(): Promise<void>;
}

/** Below this many coordinates in all arguments together, a task runs inline. */
export const INLINE_VERTICES = 2000;

/** Positions in a GeoJSON-like value, without trusting its shape (it may be raw user input). */
export function roughVertexCount(v: unknown, depth = 0): number {
  if (!Array.isArray(v) || depth > 8) {
    if (v && typeof v === 'object' && depth <= 8) {
      const o = v as Record<string, unknown>;
      return roughVertexCount(o.coordinates ?? o.geometry, depth + 1);
    }
    return 0;
  }
  if (typeof v[0] === 'number') return 1;
  let n = 0;
  for (const x of v) n += roughVertexCount(x, depth + 1);
  return n;
}

function unwrap(r: GeometryOutcome): unknown {
  if (r.ok) return r.value;
  const e = r.error;
  if ('code' in e) throw new AppError(e.code, e.message);
  throw new Error(e.message);
}

function workerFile(): { filename: string; workerData?: unknown } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { filename: fileURLToPath(new URL('./ts-worker.mjs', here)), workerData: { tsFile: new URL('./geometry.worker.ts', here).href } };
  }
  // Built server: this code is bundled into dist/server/*.js, next to geometry.worker.js.
  return { filename: fileURLToPath(new URL('./geometry.worker.js', here)) };
}

export function createGeometry(opts: { threads: number; maxQueue?: number; inlineVertices?: number }): Geometry {
  const inline = opts.inlineVertices ?? INLINE_VERTICES;
  let pool: Piscina | null = null;
  const counts = { inline: 0, offloaded: 0 };
  const poolOf = () =>
    (pool ??= new Piscina({
      ...workerFile(),
      minThreads: 0,
      maxThreads: Math.max(1, opts.threads),
      maxQueue: opts.maxQueue ?? 32,
      idleTimeout: 60_000,
    }));

  async function run<T>(op: GeometryOpName, args: unknown[]): Promise<T> {
    if (opts.threads === 0 || roughVertexCount(args) < inline) {
      counts.inline++;
      return unwrap(runGeometryTask({ op, args })) as T;
    }
    counts.offloaded++;
    try {
      return unwrap((await poolOf().run({ op, args })) as GeometryOutcome) as T;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof Error && /queue is at limit/i.test(e.message)) throw new AppError('rate_limited', '边界校验任务过多，系统正忙，请稍后再试');
      throw e;
    }
  }

  return {
    checkAreaGeometry: (input) => run('checkAreaGeometry', [input]),
    outsideAreaM2: (inner, outer) => run('outsideAreaM2', [inner, outer]),
    overlapAreaM2: (a, b) => run('overlapAreaM2', [a, b]),
    uncoveredPart: (container, parts) => run('uncoveredPart', [container, parts]),
    unionOf: (parts) => run('unionOf', [parts]),
    stats: () => ({ ...counts }),
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
