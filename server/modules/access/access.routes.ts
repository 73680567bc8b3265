import '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginSchema, MeSchema, UserRoleInputSchema, UserStatusInputSchema } from '../../../common/schemas/auth';
import { IdSchema } from '../../../common/schemas/common';
import { requireActor } from './access.policy';
import type { AccessService } from './access.service';

export const SESSION_COOKIE = 'wg_session';

export function accessRoutes(app: FastifyInstance, access: AccessService, opts: { secureCookies: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['账号'], summary: '登录', body: LoginSchema, response: { 200: z.object({ user: MeSchema }) } },
      config: { public: true, rateLimit: { max: 20, windowMs: 60_000 } },
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

  const params = z.object({ id: IdSchema });
  r.post(
    '/api/users/:id/status',
    { schema: { tags: ['账号'], summary: '停用或启用账号（系统管理员）；停用后该账号在所有进程中立即失效', params, body: UserStatusInputSchema } },
    async (req, reply) => {
      await access.setUserStatus(requireActor(req.actor), req.params.id, req.body.status);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/users/:id/role',
    { schema: { tags: ['账号'], summary: '设置账号的角色与管辖范围（安全管理员）', params, body: UserRoleInputSchema } },
    async (req, reply) => {
      await access.setUserRole(requireActor(req.actor), req.params.id, req.body);
      return reply.status(204).send();
    },
  );
}
