import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';
import type { RateLimiter } from '../modules/access/rate-limiter';

export interface RateLimit {
  max: number;
  windowMs: number;
  /** Count per signed-in user where there is one (else per address), or always per address. */
  per?: 'address' | 'user';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RateLimit;
  }
}

function windowText(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} 分钟` : `${Math.round(ms / 1000)} 秒`;
}

/**
 * Per-route limits from the route's `config.rateLimit`, counted by the limiter in the database so
 * that they hold across every app process (and survive a restart). Must be registered before the routes.
 */
export function registerRateLimits(app: FastifyInstance, limiter: RateLimiter): void {
  app.addHook('onRoute', (route) => {
    const limit = route.config?.rateLimit;
    if (!limit) return;
    const name = `${route.method}:${route.url}`;
    const check = async (req: FastifyRequest, reply: { header(k: string, v: string): unknown }) => {
      const who = limit.per === 'user' && req.actor ? `u:${req.actor.id}` : `a:${req.ip}`;
      const { ok, retryS: retry } = await limiter.hit(`${name}|${who}`, limit.max, limit.windowMs);
      if (!ok) {
        reply.header('retry-after', String(retry));
        throw new AppError('rate_limited', `操作过于频繁（每 ${windowText(limit.windowMs)}最多 ${limit.max} 次），请 ${retry} 秒后再试`);
      }
    };
    const existing = route.preValidation;
    route.preValidation = existing ? [...(Array.isArray(existing) ? existing : [existing]), check] : [check];
  });
}
