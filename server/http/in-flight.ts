import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface InFlight {
  /** Resolves true once no request is being handled, or false after `ms`. */
  settled(ms: number): Promise<boolean>;
}

/**
 * Counts the requests being handled, including those whose client has gone: closing the server
 * waits for connections, not for the handlers of connections already closed, and those handlers
 * still need the database. The platform stops its database only after `settled()`.
 */
export function trackInFlight(app: FastifyInstance): InFlight {
  let running = 0;
  const finished = new WeakSet<FastifyRequest>();
  let waiters: (() => void)[] = [];
  const done = (req: FastifyRequest) => {
    if (finished.has(req)) return;
    finished.add(req);
    if (--running === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  app.addHook('onRequest', async () => {
    running++;
  });
  app.addHook('onResponse', async (req) => done(req));
  // A reply to a client that has gone is never finished, so it ends here, once the handler is done.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.raw.destroyed) done(req);
    return payload;
  });
  return {
    settled(ms) {
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
