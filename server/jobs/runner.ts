import type { Database } from '../db/client';
import type { Clock } from '../lib/clock';
import { jobsRepo } from './jobs.repo';

/** A job handler runs inside the transaction that claimed the job: its effects and the job's completion commit together. */
export type JobHandler = (tx: Database, payload: any, job: { key: string; dueAt: Date }) => Promise<void>;

export interface RunResult {
  done: number;
  failed: number;
}

const MAX_ATTEMPTS = 5;

/**
 * Runs the jobs due at the clock's now. Each batch is claimed FOR UPDATE SKIP LOCKED in one
 * transaction (several processes sweeping at once take different rows) and each job is done in
 * that transaction; a batch that fails is retried job by job, so one bad job can't hold up the rest.
 * A job killed half-way is simply still pending: nothing is lost, and its key makes it run once.
 */
export async function runDueJobs(db: Database, clock: Clock, handlers: Record<string, JobHandler>, opts: { batch?: number; maxBatches?: number } = {}): Promise<RunResult> {
  const batch = opts.batch ?? 200;
  const result: RunResult = { done: 0, failed: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 10_000); i++) {
    const now = clock.now();
    let claimed = 0;
    try {
      await db.transaction().execute(async (tx) => {
        const jobs = await jobsRepo.claim(tx, now, batch);
        claimed = jobs.length;
        for (const j of jobs) {
          await handle(tx, handlers, j);
          await jobsRepo.finish(tx, j.id, now);
        }
      });
      result.done += claimed;
    } catch {
      // One of the batch failed: do them one at a time to find it.
      claimed = 0;
      for (;;) {
        let one: { id: string } | undefined;
        try {
          await db.transaction().execute(async (tx) => {
            const [j] = await jobsRepo.claim(tx, now, 1);
            one = j;
            if (!j) return;
            await handle(tx, handlers, j);
            await jobsRepo.finish(tx, j.id, now);
          });
          if (!one) break;
          result.done++;
          claimed++;
        } catch (e) {
          if (!one) throw e;
          const row = one as { id: string; attempts?: number };
          await jobsRepo.fail(db, row.id, now, e instanceof Error ? e.message : String(e), (row.attempts ?? 0) + 1 >= MAX_ATTEMPTS);
          result.failed++;
          claimed++;
        }
        if (claimed >= batch) break;
      }
    }
    if (claimed < batch) break;
  }
  return result;
}

async function handle(tx: Database, handlers: Record<string, JobHandler>, j: { key: string; kind: string; payload: unknown; due_at: Date }) {
  const h = handlers[j.kind];
  if (!h) throw new Error(`no handler for job kind ${j.kind}`);
  await h(tx, typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload, { key: j.key, dueAt: new Date(j.due_at) });
}
