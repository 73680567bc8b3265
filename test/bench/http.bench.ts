import autocannon from 'autocannon';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface HttpFigure {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Load with autocannon from this process: `connections` keep-alive clients for `seconds`. */
export async function load(opts: { url: string; paths: string[]; headers?: Record<string, string>; seconds?: number; connections?: number }): Promise<HttpFigure> {
  let i = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 20,
    duration: opts.seconds ?? 8,
    headers: opts.headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: opts.paths[i++ % opts.paths.length] }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function startBare(port: number): Promise<ChildProcess> {
  const child = fork(path.join(root, 'test/bench/bare-server.mjs'), { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (c) => reject(new Error(`bare server exited ${c}`)));
  });
  return child;
}

/** Starts the built server on a data directory; resolves with the seconds from spawn to a healthy answer. */
export async function startServer(dataDir: string, port: number, databaseUrl = ''): Promise<{ child: ChildProcess; seconds: number }> {
  const t = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 1200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, seconds: (performance.now() - t) / 1000 };
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start within 24 s');
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Worst and 99th-percentile /api/health latency while `work` runs, pinging every 20 ms. */
export async function healthDuring(url: string, work: () => Promise<unknown>): Promise<{ maxMs: number; p99Ms: number }> {
  const samples: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      const s = performance.now();
      await fetch(`${url}/api/health`).catch(() => {});
      samples.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await work();
  running = false;
  await pinger;
  samples.sort((a, b) => a - b);
  return { maxMs: samples.at(-1) ?? 0, p99Ms: samples[Math.floor(samples.length * 0.99)] ?? 0 };
}
