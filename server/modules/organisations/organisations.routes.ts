import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OrgCodeSchema, OrgListQuerySchema, OrgPhonesSchema } from '../../../common/schemas/staff';
import { requireActor } from '../access/access.policy';
import type { OrganisationService } from './organisations.service';

export function organisationRoutes(app: FastifyInstance, orgs: OrganisationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['单位'];
  r.get('/api/organisations', { schema: { tags, summary: '网格化管理服务机构、网格联动部门、网格服务单位、人民团体', querystring: OrgListQuerySchema } }, async (req) =>
    orgs.list(requireActor(req.actor), req.query),
  );
  r.post('/api/organisations/:code/phones', { schema: { tags, summary: '维护值班电话与监督举报电话', params: z.object({ code: OrgCodeSchema }), body: OrgPhonesSchema } }, async (req) => ({
    organisation: await orgs.setPhones(requireActor(req.actor), req.params.code, req.body),
  }));
}
