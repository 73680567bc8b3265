import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode, type AppErrorDetail } from '../../common/app-error';

export const statusOf: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  locked: 423,
  rate_limited: 429,
};

const partNames: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

/** Maps every error to `{ error: { code, message, details } }`; only a genuine bug is a 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(statusOf[err.code]).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details: AppErrorDetail[] = err.validation.map((v) => {
        const field = fieldPath(v.instancePath);
        return { code: 'invalid_field', field, message: field ? `${field}：${v.message}` : String(v.message) };
      });
      const where = partNames[(err as { validationContext?: string }).validationContext ?? ''] ?? '输入';
      const message = `${where}有误：${details.map((d) => d.message).join('；')}`;
      return reply.status(400).send({ error: { code: 'bad_request', message, details } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: '提交的内容过大' } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: '不支持的内容类型，请以 JSON 提交' } });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return reply.status(400).send({ error: { code: 'bad_request', message: '请求内容不是有效的 JSON' } });
    }
    if (status === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: '请求过于频繁，请稍后再试' } });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'bad_request', message: `请求有误：${err.message}` } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试或联系系统管理员' } });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (path.startsWith('/api') || path.startsWith('/open311')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `没有这个地址：${req.method} ${safePath(path)}` } });
    }
    return reply.status(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
  });
}

/** A path for a message: no control characters, not endless. */
function safePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>页面不存在 · 网格通</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:15vh auto;padding:0 1em;color:#333"><h1 style="font-size:1.4em">页面不存在</h1><p>您访问的地址不存在。请检查地址是否输入正确，或<a href="/">返回网格通首页</a>。</p></body></html>`;

/** Fastify's own errors before routing (a malformed URL such as %FF), in the platform's format. */
export function sendBadUrl(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const message = err.code === 'FST_ERR_BAD_URL' ? '地址格式不正确（含有无效的百分号编码）' : '请求有误';
  return reply.status(400).send({ error: { code: 'bad_request', message } });
}
