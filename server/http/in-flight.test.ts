import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { trackInFlight } from './in-flight';

describe('requests in flight at shutdown', () => {
  it('waits for the handler of a request whose client has gone, after the server has closed', async () => {
    const app = Fastify();
    const inFlight = trackInFlight(app);
    let handled = false;
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    app.get('/slow', async () => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      handled = true;
      return { ok: true };
    });
    app.get('/fast', async () => ({ ok: true }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${url}/fast`)).status).toBe(200);
    expect(await inFlight.settled(10)).toBe(true);

    const abort = new AbortController();
    const gone = fetch(`${url}/slow`, { signal: abort.signal }).catch(() => 'aborted');
    await begun;
    abort.abort();
    expect(await gone).toBe('aborted');
    await app.close();
    expect(handled).toBe(false); // the server closed while the handler still runs
    expect(await inFlight.settled(5000)).toBe(true);
    expect(handled).toBe(true);
  });
});
