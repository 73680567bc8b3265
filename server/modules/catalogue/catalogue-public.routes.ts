import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../common/app-error';
import { statusOf } from '../../http/error-handler';
import { html } from '../../views/escape';
import { catalogueNotFoundPage, cataloguePage } from '../../views/catalogue-page';
import { messagePage } from '../../views/messages';
import { presentPublic } from './catalogue-public';
import type { CatalogueService } from './catalogue.service';

/** Public like the grids' notices: a resident reads it now and then, a scraper would hit the limit. */
const PUBLIC = { public: true, rateLimit: { max: 120, windowMs: 60_000 } } as const;
const CODE = /^\d{12}$/;

function htmlErrors(error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const status = error instanceof AppError ? statusOf[error.code] : 500;
  if (status === 500) req.log.error({ err: error }, 'unhandled error');
  const title = status === 429 ? '访问过于频繁' : status === 500 ? '服务器内部错误' : '地址有误';
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(messagePage(title, html`<p>${status === 500 ? '请稍后重试。' : error.message}</p>`));
}

/**
 * The published catalogue of each county for everyone (Art. 15: 向社会公布), without login:
 * /catalogue/{countyCode} as a server-rendered page with no script, and the same as JSON at
 * /api/public/catalogue/{countyCode}. Read from memory, so always the version published now.
 */
export function cataloguePublicRoutes(app: FastifyInstance, cat: CatalogueService): void {
  async function load(code: string) {
    if (!CODE.test(code)) return null;
    const c = await cat.publicCatalogue(code);
    return c ? presentPublic(c) : null;
  }

  app.get<{ Params: { county: string } }>('/catalogue/:county', { schema: { hide: true }, config: PUBLIC, errorHandler: htmlErrors }, async (req, reply) => {
    const c = await load(req.params.county);
    const send = (status: number, body: string) => reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
    return c ? send(200, cataloguePage(c, cat.counties())) : send(404, catalogueNotFoundPage(req.params.county, cat.counties()));
  });

  app.get<{ Params: { county: string } }>(
    '/api/public/catalogue/:county',
    { schema: { tags: ['事项清单'], summary: '公开：某县（市、区）现行网格管理服务事项清单（无需登录）', security: [] }, config: PUBLIC },
    async (req, reply) => {
      const c = await load(req.params.county);
      if (!c) throw new AppError('not_found', `没有区划代码为 ${req.params.county} 的县（市、区）`);
      return reply.header('cache-control', 'no-store').send(c);
    },
  );
}
