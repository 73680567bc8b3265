import { AppError } from '../../common/app-error';

export interface ConcurrencyGate {
  /** Runs `task` once fewer than `maxActive` others run; refuses with 'rate_limited' when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { active: number; waiting: number; peak: number; refused: number };
}

/**
 * At most `maxActive` tasks at once and `maxQueue` waiting, per process. Beyond that the caller is
 * told the system is busy at once rather than left waiting while memory and latency pile up.
 */
export function createConcurrencyGate(opts: { maxActive: number; maxQueue: number; busyMessage: string }): ConcurrencyGate {
  let active = 0;
  let peak = 0;
  let refused = 0;
  const waiting: (() => void)[] = [];

  // A finishing task hands its slot straight to the next in line, so no newcomer can slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= opts.maxActive) {
        if (waiting.length >= opts.maxQueue) {
          refused++;
          throw new AppError('rate_limited', opts.busyMessage);
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else active++;
      peak = Math.max(peak, active);
      try {
        return await task();
      } finally {
        release();
      }
    },
    stats: () => ({ active, waiting: waiting.length, peak, refused }),
  };
}
