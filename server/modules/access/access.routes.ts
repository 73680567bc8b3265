import '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginSchema, MeSchema } from '../../../common/schemas/auth';
import { requireActor } from './access.policy';
import type { AccessService } from './access.service';

export const SESSION_COOKIE = 'wg_session';

export function accessRoutes(app: FastifyInstance, access: AccessService, opts: { secureCookies: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['账号'], summary: '登录', body: LoginSchema, response: { 200: z.object({ user: MeSchema }) } },
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, expires, me } = await access.login(req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, expires });
      return { user: me };
    },
  );
  r.post('/api/auth/logout', { schema: { tags: ['账号'], summary: '退出登录' } }, async (req, reply) => {
    const actor = requireActor(req.actor);
    const token = req.cookies[SESSION_COOKIE];
    if (token) await access.logout(token, actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  r.get('/api/auth/me', { schema: { tags: ['账号'], summary: '当前用户', response: { 200: z.object({ user: MeSchema }) } } }, async (req) => ({
    user: await access.me(requireActor(req.actor)),
  }));
}
