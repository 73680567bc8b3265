import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GridCodeSchema, IdSchema } from '../../../common/schemas/common';
import {
  AcknowledgeSchema,
  ChangeInputSchema,
  ChangeSchema,
  FilingListQuerySchema,
  FilingSchema,
  GridDetailSchema,
  GridListQuerySchema,
  LookupQuerySchema,
  LookupResultSchema,
  ProposeChangeSchema,
  ValidationReportSchema,
} from '../../../common/schemas/grids';
import { requireActor } from '../access/access.policy';
import type { GridChangeService } from './grid-changes.service';
import type { GridService } from './grids.service';

export function gridRoutes(app: FastifyInstance, grids: GridService, changes: GridChangeService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['网格'];
  r.get('/api/grids', { schema: { tags, summary: '按区域列出网格（可取某一历史时刻，可输出 GeoJSON）', querystring: GridListQuerySchema } }, async (req) =>
    grids.list(requireActor(req.actor), req.query),
  );
  r.get(
    '/api/grids/lookup',
    { schema: { tags, summary: '按坐标查询所属网格（WGS-84/CGCS2000 或 GCJ-02）', querystring: LookupQuerySchema, response: { 200: LookupResultSchema } } },
    async (req) => grids.lookup(requireActor(req.actor), req.query.lng, req.query.lat, req.query.crs),
  );
  r.get('/api/grids/:code', { schema: { tags, summary: '网格详情与历史', params: z.object({ code: GridCodeSchema }), response: { 200: GridDetailSchema } } }, async (req) =>
    grids.detail(requireActor(req.actor), req.params.code),
  );

  const ctags = ['网格调整与备案'];
  const idParams = z.object({ id: IdSchema });
  // Boundary checks are the heaviest work the API does: bounded per user (and per address for the anonymous).
  r.post(
    '/api/grid-changes/validate',
    { schema: { tags: ctags, summary: '校验网格调整（不保存）', body: ChangeInputSchema, response: { 200: ValidationReportSchema } }, config: { rateLimit: { max: 60, windowMs: 60_000, per: 'user' } } },
    async (req) =>
    changes.validate(requireActor(req.actor), req.body),
  );
  r.post(
    '/api/grid-changes',
    {
      schema: { tags: ctags, summary: '提出网格调整（apply=true 时由县级中心直接生效并报市中心备案）', body: ProposeChangeSchema, response: { 201: z.object({ change: ChangeSchema }) } },
      config: { rateLimit: { max: 30, windowMs: 60_000, per: 'user' } },
    },
    async (req, reply) => {
      const { apply, ...input } = req.body;
      const change = await changes.propose(requireActor(req.actor), ChangeInputSchema.parse(input), apply === true);
      return reply.status(201).send({ change });
    },
  );
  r.get(
    '/api/grid-changes',
    { schema: { tags: ctags, summary: '网格调整列表', querystring: z.object({ status: z.enum(['proposed', 'applied', 'withdrawn', 'all'], { error: '状态必须是 proposed、applied、withdrawn 或 all' }).default('all') }), response: { 200: z.object({ items: z.array(ChangeSchema) }) } } },
    async (req) => ({ items: await changes.list(requireActor(req.actor), req.query.status) }),
  );
  r.get('/api/grid-changes/:id', { schema: { tags: ctags, summary: '网格调整详情', params: idParams, response: { 200: z.object({ change: ChangeSchema }) } } }, async (req) => ({
    change: await changes.get(requireActor(req.actor), req.params.id),
  }));
  r.post('/api/grid-changes/:id/apply', { schema: { tags: ctags, summary: '使调整生效（县级中心）', params: idParams, response: { 200: z.object({ change: ChangeSchema }) } } }, async (req) => ({
    change: await changes.apply(requireActor(req.actor), req.params.id),
  }));
  r.post('/api/grid-changes/:id/withdraw', { schema: { tags: ctags, summary: '撤回待生效的调整', params: idParams, response: { 200: z.object({ change: ChangeSchema }) } } }, async (req) => ({
    change: await changes.withdraw(requireActor(req.actor), req.params.id),
  }));
  r.get(
    '/api/filings',
    { schema: { tags: ctags, summary: '网格划分与调整备案（市中心收件箱）', querystring: FilingListQuerySchema, response: { 200: z.object({ items: z.array(FilingSchema), pendingCount: z.number() }) } } },
    async (req) => grids.filings(requireActor(req.actor), req.query.status),
  );
  r.post(
    '/api/filings/:id/acknowledge',
    { schema: { tags: ctags, summary: '确认备案（市中心）', params: idParams, body: AcknowledgeSchema.optional(), response: { 200: z.object({ filing: FilingSchema }) } } },
    async (req) => grids.acknowledge(requireActor(req.actor), req.params.id, req.body?.note),
  );
}
