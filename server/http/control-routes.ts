import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import type { Database } from '../db/client';
import type { AccessService } from '../modules/access/access.service';
import type { MattersService } from '../modules/matters/matters.service';
import type { Clock } from '../lib/clock';
import { verifyAuditChain } from '../modules/audit/audit.service';

/** The token a running embedded server wrote into its data directory's lock file (null until it listens). */
export interface ControlToken {
  value: string | null;
}

export const CONTROL_HEADER = 'x-wangge-control';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function authorised(req: FastifyRequest, token: ControlToken): boolean {
  const given = req.headers[CONTROL_HEADER];
  if (!token.value || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token.value);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
  // Only from this machine: the caller read the token from the data directory.
  const remote = req.socket.remoteAddress ?? '';
  return LOOPBACK.has(remote) || remote === req.socket.localAddress;
}

const CreateUserSchema = z.object({
  username: z.string().max(64),
  password: z.string().max(256),
  role: z.string().max(64),
  scopeCode: z.string().max(12).nullish(),
  displayName: z.string().max(64).optional(),
  orgCode: z.string().max(40).nullish(),
});

/**
 * While the server owns the embedded database, the command line can't open it; the operator's
 * commands that make sense on a running platform (creating an account, checking the audit chain)
 * are carried out by the server on the command line's behalf. Not part of the public API.
 */
export function controlRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock; access: AccessService; matters: MattersService; token: ControlToken }): void {
  const guard = async (req: FastifyRequest) => {
    if (!authorised(req, deps.token)) throw new AppError('not_found', `没有这个地址：${req.method} ${req.url.split('?')[0]}`);
  };
  const config = { public: true };
  app.post('/api/control/users', { schema: { hide: true, body: CreateUserSchema }, config, preHandler: guard }, async (req, reply) => {
    const id = await deps.access.createUser(null, req.body as z.infer<typeof CreateUserSchema>);
    return reply.status(201).send({ id });
  });
  app.post('/api/control/deadlines-sweep', { schema: { hide: true, body: z.object({ at: z.string().max(40).optional() }) }, config, preHandler: guard }, async (req) => {
    const at = parseSweepTime((req.body as { at?: string }).at);
    // A running platform never acts ahead of time: escalations in the future would be real ones.
    if (at && at.getTime() > deps.clock.now().getTime() + 60_000) throw new AppError('invalid', '正在运行的服务只能按当前或过去的时间执行时限任务；按将来的时间演练请先停止服务');
    return deps.matters.sweep({ at });
  });
  app.post('/api/control/audit-verify', { schema: { hide: true }, config, preHandler: guard }, async () => ({ brokenAt: await verifyAuditChain(deps.db) }));
}

/** `--at`: an ISO time with its offset (e.g. 2026-12-31T17:00:00+08:00); absent means now. */
export function parseSweepTime(at: string | undefined): Date | undefined {
  if (at === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(Date.parse(at))) {
    throw new AppError('bad_request', `时间 ${at.slice(0, 40)} 格式不正确，请写成 2026-12-31T17:00:00+08:00`);
  }
  return new Date(at);
}
