import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../common/app-error';
import { html } from '../../views/escape';
import { boardPage } from '../../views/board';
import { cardPage } from '../../views/card';
import { gridNotFoundPage, messagePage, retiredPage, workIdNotFoundPage } from '../../views/messages';
import { noticePage } from '../../views/notice-page';
import { printAllPage } from '../../views/print-all';
import { qrCode } from '../../views/qr';
import { verificationPage } from '../../views/verification';
import { statusOf } from '../../http/error-handler';
import type { Notice } from './notices.presenter';
import type { NoticeService } from './notices.service';

const GRID_CODE = /^\d{14,18}$/;
/** Modest limits on the public pages: a person scanning boards never comes near them; a scraper does. */
const PUBLIC = { public: true, rateLimit: { max: 120, windowMs: 60_000 } } as const;

function sendPage(reply: FastifyReply, status: number, body: string) {
  // Always fresh: a notice must show a change of its grid or staff at once (Art. 12), a work ID its state now.
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/** Errors on these pages as pages, in Chinese (bad address, not signed in, out of scope, too many requests). */
function htmlErrors(error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const status = statusOf[error.code];
    const extra = error.code === 'unauthenticated' ? html`<p><a href="/login">登录网格通</a></p>` : '';
    return sendPage(reply, status, messagePage(status === 429 ? '访问过于频繁' : status === 401 ? '请先登录' : status === 403 ? '无权查看' : '地址有误', html`<p>${error.message}</p>${extra}`));
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendPage(reply, 500, messagePage('服务器内部错误', html`<p>请稍后重试。如需反映问题，请拨打 12345 政务服务便民热线。</p>`));
}

/**
 * The public notices (Art. 12) and work-ID check (Art. 16, 27) as server-rendered pages at short,
 * printed addresses: /g/{code} (and its /board and /card), /v/{ref} (/r/{code}, the report form the QR
 * codes open, is the matters module's: resident.routes.ts); and the street
 * centre's print of every board of its area, /g/print?within={code}, for signed-in users.
 */
export function noticeRoutes(app: FastifyInstance, notices: NoticeService, publicOrigin: (req: FastifyRequest) => string): void {
  const opts = { schema: { hide: true }, config: PUBLIC, errorHandler: htmlErrors };
  const reportUrl = (req: FastifyRequest, code: string) => `${publicOrigin(req)}/r/${code}`;

  /** The active grid's notice, or the page that stands in for it (unknown code, retired grid). */
  async function withNotice(req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, render: (n: Notice, report: string) => Promise<string> | string) {
    const { code } = req.params;
    if (!GRID_CODE.test(code)) return sendPage(reply, 404, gridNotFoundPage(code));
    const found = await notices.notice(code);
    if (found.state === 'unknown') return sendPage(reply, 404, gridNotFoundPage(code));
    if (found.state === 'retired') return sendPage(reply, 410, retiredPage(found.notice));
    return sendPage(reply, 200, await render(found.notice, reportUrl(req, code)));
  }
  const qr = (url: string) => qrCode(url, '反映问题二维码');

  app.get<{ Querystring: { within?: string } }>('/g/print', { schema: { hide: true }, config: { rateLimit: { max: 20, windowMs: 60_000, per: 'user' } }, errorHandler: htmlErrors }, async (req, reply) => {
    const within = req.query.within ?? '';
    if (!/^\d{12}$/.test(within)) throw new AppError('bad_request', '请在地址中给出街道（乡镇）或社区（村）的 12 位区划代码，如 /g/print?within=231102001000');
    const { area, notices: list } = await notices.within(req.actor, within);
    const boards = await Promise.all(list.map(async (n) => ({ notice: n, report: reportUrl(req, n.code), qr: await qr(reportUrl(req, n.code)) })));
    return sendPage(reply, 200, printAllPage(area, boards));
  });
  app.get<{ Params: { code: string } }>('/g/:code', opts, (req, reply) =>
    withNotice(req, reply, async (n, report) => noticePage(n, { report, reportPath: `/r/${n.code}`, board: `/g/${n.code}/board`, card: `/g/${n.code}/card` }, await qr(report))),
  );
  app.get<{ Params: { code: string } }>('/g/:code/board', opts, (req, reply) => withNotice(req, reply, async (n, report) => boardPage(n, { report }, await qr(report))));
  app.get<{ Params: { code: string } }>('/g/:code/card', opts, (req, reply) => withNotice(req, reply, async (n, report) => cardPage(n, await qr(report))));

  app.get<{ Params: { ref: string } }>('/v/:ref', opts, async (req, reply) => {
    const v = await notices.verify(req.params.ref);
    return v ? sendPage(reply, 200, verificationPage(v)) : sendPage(reply, 404, workIdNotFoundPage());
  });
}
