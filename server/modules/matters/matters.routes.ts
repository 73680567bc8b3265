import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../common/app-error';
import { IdSchema } from '../../../common/schemas/common';
import { ActSchema, DuplicateQuerySchema, IntakeSchema, MatterListQuerySchema, RatingSchema, RefusalSchema } from '../../../common/schemas/matters';
import { freeText } from '../../../common/schemas/text';
import { PHOTO_LIMITS } from '../../lib/photos';
import { sendStoredFile } from '../../lib/send-stored-file';
import type { Storage } from '../../lib/storage';
import { requireActor } from '../access/access.policy';
import type { MattersService } from './matters.service';

const MINUTE = 60_000;

export async function matterRoutes(app: FastifyInstance, matters: MattersService, storage: Storage): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['事项'];
  const id = z.object({ id: IdSchema });

  r.post(
    '/api/matters',
    {
      schema: { tags, summary: '登记事项（网格员、部门、网格化管理服务机构、12345 热线）；同一 clientKey 只生成一件', body: IntakeSchema },
      config: { rateLimit: { max: 60, windowMs: MINUTE, per: 'user' } },
    },
    async (req, reply) => {
      const out = await matters.report(requireActor(req.actor), req.body);
      return reply.status(out.created ? 201 : 200).send(out);
    },
  );
  r.get('/api/matters', { schema: { tags, summary: '事项列表（按管辖范围；queue=mine 为待我处理）', querystring: MatterListQuerySchema } }, async (req) => matters.list(requireActor(req.actor), req.query));
  r.get(
    '/api/matters/counts',
    { schema: { tags, summary: '各状态事项数（全部与待我处理），供办理台分栏显示', querystring: MatterListQuerySchema.pick({ within: true, mark: true, typeCode: true, since: true, q: true }) } },
    async (req) => matters.counts(requireActor(req.actor), req.query),
  );
  r.get('/api/matters/duplicates', { schema: { tags, summary: '提交前查看可能重复的事项（同类型、附近、未办结）', querystring: DuplicateQuerySchema } }, async (req) =>
    matters.duplicates(requireActor(req.actor), req.query),
  );
  r.get('/api/matters/:id', { schema: { tags, summary: '事项详情、全部流转记录、本人可办的操作', params: id } }, async (req) => matters.detail(requireActor(req.actor), req.params.id));
  r.post('/api/matters/:id/actions', { schema: { tags, summary: '办理：自行处置、上报、派遣、签收、回退、反馈结果、核查、反馈群众、申请与审批、合并', params: id, body: ActSchema } }, async (req) =>
    matters.act(requireActor(req.actor), req.params.id, req.body),
  );
  r.post('/api/matters/:id/reporter-phone', { schema: { tags, summary: '查看反映人完整电话（当前承办方与负责反馈的网格员，留痕）', params: id, body: z.object({ reason: freeText('查看原因', 4, 200, '请填写查看原因（至少 4 个字）') }) } }, async (req) =>
    matters.reporterPhone(requireActor(req.actor), req.params.id, req.body.reason),
  );
  r.get(
    '/api/matters/:id/photos/:photoId',
    { schema: { tags, summary: '事项照片（size=thumb 为缩略图）', params: z.object({ id: IdSchema, photoId: IdSchema }), querystring: z.object({ size: z.enum(['full', 'thumb']).default('full') }) } },
    async (req, reply) => {
      const p = await matters.photo(requireActor(req.actor), req.params.id, req.params.photoId);
      return sendStoredFile(reply, storage, req.query.size === 'thumb' ? p.thumb_key : p.key);
    },
  );
  r.post('/api/task-refusals', { schema: { tags, summary: '网格员拒绝事项清单以外的工作（第十六条），留存记录', body: RefusalSchema } }, async (req, reply) =>
    reply.status(201).send(await matters.refuseTask(requireActor(req.actor), req.body)),
  );
  r.get('/api/task-refusals', { schema: { tags, summary: '网格员拒绝清单外工作的记录（街道及以上）' } }, async (req) => matters.refusals(requireActor(req.actor)));

  // Public: a resident's own matter by its tracking code (no login).
  const code = z.object({ code: z.string().regex(/^[A-Za-z0-9]{12}$/, '查询码为 12 位字母或数字').transform((s) => s.toUpperCase()) });
  r.get('/api/public/track/:code', { schema: { tags, summary: '按查询码查看办理进度（公开）', params: code }, config: { public: true, rateLimit: { max: 60, windowMs: MINUTE } } }, async (req) => {
    const t = await matters.tracking(req.params.code);
    if (!t) throw new AppError('not_found', '查无此件，请核对查询码');
    return t;
  });
  r.post('/api/public/track/:code/rating', { schema: { tags, summary: '对办理结果评价（公开）', params: code, body: RatingSchema }, config: { public: true, rateLimit: { max: 10, windowMs: MINUTE } } }, async (req) =>
    matters.rate(req.params.code, req.body),
  );

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: PHOTO_LIMITS.maxBytes, files: 1, fields: 2, parts: 3, fieldSize: 256 }, throwFileSizeLimit: true });
    const upload = (publicRoute: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
      if (Number(req.headers['content-length'] ?? 0) > PHOTO_LIMITS.maxBytes + 64 * 1024) throw new AppError('payload_too_large', `照片不能超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`);
      if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传照片（字段名 photo）');
      const part = await req.file().catch(() => undefined);
      if (!part) throw new AppError('bad_request', '请选择要上传的照片');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', `照片不能超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`);
        throw new AppError('bad_request', '上传中断，照片没有完整收到，请重试');
      }
      const actor = publicRoute ? null : requireActor(req.actor);
      return reply.status(201).send(await matters.uploadPhoto({ user: actor, address: req.ip }, data));
    };
    const config = { contentTypes: ['multipart/form-data'] };
    scope.post('/api/matter-photos', { config: { ...config, rateLimit: { max: 120, windowMs: MINUTE, per: 'user' } }, schema: { tags, summary: '上传一张事项照片（重新编码并去除位置等元数据），返回照片编号', consumes: ['multipart/form-data'] } }, upload(false));
    scope.post('/api/public/matter-photos', { config: { ...config, public: true, rateLimit: { max: 20, windowMs: MINUTE } }, schema: { tags, summary: '群众上传一张照片（公开）', consumes: ['multipart/form-data'] } }, upload(true));
  });
}
