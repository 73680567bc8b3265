import '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/app-error';
import type { Actor } from '../modules/access/actor';
import type { AccessService } from '../modules/access/access.service';
import { SESSION_COOKIE } from '../modules/access/access.routes';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

/** Every /api route needs a signed-in user unless its route config says `public: true`. */
export function registerAuth(app: FastifyInstance, access: AccessService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await access.actorForToken(token, req.ip);
    if (!req.url.startsWith('/api/')) return;
    if (req.routeOptions.config?.public) return;
    if (!req.actor) throw new AppError('unauthenticated', token ? '登录已过期，请重新登录' : '请先登录');
  });
}
