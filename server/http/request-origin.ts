import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a body other than JSON (e.g. multipart uploads), listed here. */
    contentTypes?: string[];
  }
}

function ownOrigins(req: FastifyRequest, configured: string[]): Set<string> {
  // req.host and req.protocol honour X-Forwarded-* only from a trusted proxy (TRUST_PROXY).
  return new Set([`${req.protocol}://${req.host}`, ...configured]);
}

/**
 * Defence against cross-site request forgery for cookie sessions (SameSite=Lax alone lets a
 * top-level cross-site POST through in some browsers, and any site can send text/plain): a
 * state-changing request whose Origin is another site, or that the browser marks as
 * cross-site, is refused; and JSON endpoints take only `application/json` bodies (a form or
 * text/plain post gets 415), which a cross-site page can't send without the browser asking first.
 */
export function registerOriginCheck(app: FastifyInstance, opts: { publicOrigins: string[] }): void {
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    // Every state-changing request, the public pages' plain HTML forms (/r, /t) included: a resident's report or rating is forged as easily as an API call.
    if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && !ownOrigins(req, opts.publicOrigins).has(origin))) {
      throw new AppError('forbidden', '拒绝来自其他网站的请求：请在本平台的页面上操作');
    }
    if (!req.url.startsWith('/api/')) return;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const allowed = req.routeOptions.config?.contentTypes ?? ['application/json'];
    if (type && !allowed.includes(type)) throw new AppError('unsupported_media_type', `不支持的内容类型 ${type}，请以 ${allowed.join(' 或 ')} 提交`);
    if (!type && Number(req.headers['content-length'] ?? 0) > 0) throw new AppError('unsupported_media_type', `缺少内容类型，请以 ${allowed.join(' 或 ')} 提交`);
  });
}
