/**
 * Photo re-encoding while the same process answers /api/health: three reports of nine phone-sized
 * photos (12 MP, noisy, so as large as real ones) arrive at once, each report's photos one after
 * another, as the matters intake will send them. Prints figures; never fails on timing.
 * Run alone with `npx tsx test/bench/photos.bench.ts`.
 */
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createPhotos } from '../../server/lib/photos';
import { openLocalStorage } from '../../server/lib/storage';
import { healthDuring } from './http.bench';

export interface PhotoFigure {
  photos: number;
  seconds: number;
  meanInputMb: number;
  meanOutputKb: number;
  health: { maxMs: number; p99Ms: number };
  loopDelayMaxMs: number;
  peakActive: number;
}

export async function benchPhotos(opts: { reports?: number; perReport?: number } = {}): Promise<PhotoFigure> {
  const reports = opts.reports ?? 3;
  const perReport = opts.perReport ?? 9;
  const root = mkdtempSync(path.join(tmpdir(), 'wangge-photos-bench-'));
  const app = Fastify();
  app.get('/api/health', async () => ({ status: 'ok' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const photos = createPhotos({ storage: await openLocalStorage(root) });
    const inputs = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 110 + i * 20, sigma: 40 } } })
          .withMetadata({ orientation: 6 })
          .jpeg({ quality: 88 })
          .toBuffer(),
      ),
    );
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let outBytes = 0;
    let inBytes = 0;
    const t0 = performance.now();
    loop.enable();
    const health = await healthDuring(url, () =>
      Promise.all(
        Array.from({ length: reports }, async (_, r) => {
          for (let i = 0; i < perReport; i++) {
            const input = inputs[(r + i) % inputs.length];
            inBytes += input.length;
            outBytes += (await photos.store(input)).bytes;
          }
        }),
      ),
    );
    loop.disable();
    const n = reports * perReport;
    return {
      photos: n,
      seconds: (performance.now() - t0) / 1000,
      meanInputMb: inBytes / n / 1048576,
      meanOutputKb: outBytes / n / 1024,
      health,
      loopDelayMaxMs: loop.max / 1e6,
      peakActive: photos.stats().peak,
    };
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const f = await benchPhotos();
  console.log(
    `${f.photos} 张照片（平均 ${f.meanInputMb.toFixed(1)} MB → ${f.meanOutputKb.toFixed(0)} KB）用时 ${f.seconds.toFixed(1)} 秒（${(f.photos / f.seconds).toFixed(1)} 张/秒，同时最多 ${f.peakActive} 张）；` +
      `期间 /api/health 最慢 ${f.health.maxMs.toFixed(0)} ms、p99 ${f.health.p99Ms.toFixed(0)} ms，事件循环最大延迟 ${f.loopDelayMaxMs.toFixed(0)} ms`,
  );
}
