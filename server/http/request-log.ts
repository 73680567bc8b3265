import type { FastifyInstance } from 'fastify';

const SLOW_MS = 1000;

/**
 * One short line per request at debug level (LOG_LEVEL=debug for an access log); at info and above
 * only what needs attention: slow requests and server errors. Never the body, the query string or
 * cookies: they may hold personal data or credentials. A line per request at info would cost the
 * busiest paths (lookups) a good share of their throughput.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const ms = reply.elapsedTime;
    const line = { method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(ms), user: req.actor?.username };
    if (reply.statusCode >= 500) req.log.error(line, 'request failed');
    else if (ms > SLOW_MS) req.log.warn(line, 'slow request');
    else req.log.debug(line, 'request');
  });
}
