import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DivisionCodeSchema } from '../../../common/schemas/common';
import { DivisionNodeSchema, DivisionSearchQuerySchema, DivisionSearchResultSchema } from '../../../common/schemas/territory';
import { requireActor } from '../access/access.policy';
import type { TerritoryService } from './territory.service';

export function territoryRoutes(app: FastifyInstance, territory: TerritoryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['区划'];
  const params = z.object({ code: DivisionCodeSchema });
  r.get('/api/divisions', { schema: { tags, summary: '按名称或代码搜索区划', querystring: DivisionSearchQuerySchema, response: { 200: DivisionSearchResultSchema } } }, async (req) =>
    territory.search(requireActor(req.actor), req.query.q, req.query.limit),
  );
  r.get('/api/divisions/:code', { schema: { tags, summary: '区划节点、路径与下级', params, response: { 200: DivisionNodeSchema } } }, async (req) =>
    territory.node(requireActor(req.actor), req.params.code),
  );
  r.get('/api/divisions/:code/boundary', { schema: { tags, summary: '区划边界（GeoJSON Feature，WGS-84）', params } }, async (req) =>
    territory.boundary(requireActor(req.actor), req.params.code),
  );
  r.get('/api/map/counties', { schema: { tags, summary: '县级边界与特定管理区域（GeoJSON，WGS-84）' } }, async (req) =>
    territory.countiesMap(requireActor(req.actor)),
  );
}
