import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApproveSchema, DraftInputSchema, NewTypeSchema, RefuseSchema, SubmitSchema, TypeCodeSchema, TypePatchSchema, TypeSearchQuerySchema } from '../../../common/schemas/catalogue';
import { DivisionCodeSchema, IdSchema } from '../../../common/schemas/common';
import { requireActor } from '../access/access.policy';
import type { CatalogueService } from './catalogue.service';

/** The county's service-item catalogue for officials: reading, the phone intake's search, drafting, approval, publication. */
export function catalogueRoutes(app: FastifyInstance, cat: CatalogueService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['事项清单'];
  const county = z.object({ county: DivisionCodeSchema });
  const id = z.object({ id: IdSchema });
  const typeOf = z.object({ id: IdSchema, code: TypeCodeSchema });

  r.get('/api/catalogue/counties', { schema: { tags, summary: '有事项清单的县（市、区）' } }, async () => ({ items: cat.counties() }));
  r.get('/api/catalogue/:county', { schema: { tags, summary: '本县事项清单：现行版本、正在编制的版本与历次版本', params: county } }, async (req) => cat.overview(requireActor(req.actor), req.params.county));
  r.get('/api/catalogue/:county/types', { schema: { tags, summary: '按名称、拼音首字母或编码查找现行清单中的事项（网格员上报时边输边查）', params: county, querystring: TypeSearchQuerySchema } }, async (req) =>
    cat.search(requireActor(req.actor), req.params.county, req.query.q, req.query.limit ?? 20),
  );
  r.get('/api/catalogue/:county/types/:code', { schema: { tags, summary: '现行清单中的一个事项', params: county.extend({ code: TypeCodeSchema }) } }, async (req) =>
    cat.publishedTypeView(requireActor(req.actor), req.params.county, req.params.code),
  );
  r.post('/api/catalogue/:county/drafts', { schema: { tags, summary: '起草新版本（县级网格化管理服务中心，以现行版本为底稿）', params: county, body: DraftInputSchema } }, async (req, reply) =>
    reply.status(201).send(await cat.createDraft(requireActor(req.actor), req.params.county, req.body)),
  );

  r.get('/api/catalogue/versions/:id', { schema: { tags, summary: '一个版本及其全部事项', params: id } }, async (req) => cat.version(requireActor(req.actor), req.params.id));
  r.get('/api/catalogue/versions/:id/diff', { schema: { tags, summary: '与现行版本（已公布版本：与上一版本）相比准入、退出和变更的事项', params: id } }, async (req) => cat.diff(requireActor(req.actor), req.params.id));
  r.post('/api/catalogue/versions/:id/types', { schema: { tags, summary: '准入：在草稿中增加事项', params: id, body: NewTypeSchema } }, async (req, reply) =>
    reply.status(201).send(await cat.addType(requireActor(req.actor), req.params.id, req.body)),
  );
  r.put('/api/catalogue/versions/:id/types/:code', { schema: { tags, summary: '修改草稿中事项的职责任务、时限、责任单位等', params: typeOf, body: TypePatchSchema } }, async (req) =>
    cat.updateType(requireActor(req.actor), req.params.id, req.params.code, req.body),
  );
  r.delete('/api/catalogue/versions/:id/types/:code', { schema: { tags, summary: '退出：从草稿中删除事项（此前版本仍保留）', params: typeOf } }, async (req, reply) => {
    await cat.removeType(requireActor(req.actor), req.params.id, req.params.code);
    return reply.status(204).send();
  });
  r.post('/api/catalogue/versions/:id/submit', { schema: { tags, summary: '报请县（市、区）人民政府批准', params: id, body: SubmitSchema } }, async (req) => cat.submit(requireActor(req.actor), req.params.id, req.body));
  r.post('/api/catalogue/versions/:id/recall', { schema: { tags, summary: '撤回报批，继续修改', params: id } }, async (req) => cat.recall(requireActor(req.actor), req.params.id));
  r.post('/api/catalogue/versions/:id/discard', { schema: { tags, summary: '放弃草稿', params: id } }, async (req) => cat.discard(requireActor(req.actor), req.params.id));
  r.post('/api/catalogue/versions/:id/refuse', { schema: { tags, summary: '退回修改（县（市、区）人民政府，须写明理由）', params: id, body: RefuseSchema } }, async (req) =>
    cat.refuse(requireActor(req.actor), req.params.id, req.body.reason),
  );
  r.post('/api/catalogue/versions/:id/approve', { schema: { tags, summary: '批准（县（市、区）人民政府）', params: id, body: ApproveSchema } }, async (req) => cat.approve(requireActor(req.actor), req.params.id, req.body));
  r.post('/api/catalogue/versions/:id/publish', { schema: { tags, summary: '公布经批准的版本，现行版本随之被替代', params: id } }, async (req) => cat.publish(requireActor(req.actor), req.params.id));
}
