/**
 * `npm run bench`: prints figures and compares them with the budgets of ARCHITECTURE.md.
 * Never fails on timing; figures are for the note and for spotting regressions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AreaGeometry } from '../../common/geo/types';
import { prepareDatabase } from '../../server/bootstrap';
import { openDatabase } from '../../server/db/client';
import { ManualClock } from '../../server/lib/clock';
import { gridsRepo } from '../../server/modules/territory/grids.repo';
import { benchLookup } from './lookup.bench';

function line(what: string, figure: string, budget: string, ok: boolean) {
  console.log(`${ok ? '✓' : '✗'} ${what.padEnd(34)} ${figure.padStart(18)}   预算 ${budget}`);
}

const mem0 = process.memoryUsage().rss;
const t0 = performance.now();
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-'));
const h = await openDatabase({ dataDir });
await prepareDatabase(h.db, { clock: new ManualClock(), config: { gridCodeScheme: '15' }, demo: true });
const seedS = (performance.now() - t0) / 1000;
const rssMb = (process.memoryUsage().rss - mem0) / 1048576;

const rows = await gridsRepo.list(h.db, { status: 'active', level: 'grid', withBoundary: true });
const areas = rows.map((r) => ({ geometry: r.boundary as AreaGeometry, data: r.code }));
const lookup = benchLookup(areas, { points: 2_000_000 });
await h.close();

/** Start to serving on the existing database: spawn the server, poll /api/health. */
async function startToServing(): Promise<number> {
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; i < 600; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return (performance.now() - t) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('server did not start within 30 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
const startS = await startToServing();
rmSync(dataDir, { recursive: true, force: true });

console.log(`\n网格通 基准测试（${new Date().toISOString()}，Node ${process.version}）`);
line('演示数据播种（区划 + 网格，PGlite）', `${seedS.toFixed(1)} s`, '< 300 s（全量规模另含 190 万居民，居民档案建成后一并计入）', seedS < 300);
line('启动到可服务（已有数据库）', `${startS.toFixed(1)} s`, '< 5 s', startS < 5);
line('播种内存增量', `${rssMb.toFixed(0)} MB`, '< 2048 MB', rssMb < 2048);
line(`坐标→网格（${areas.length} 个网格）`, `${Math.round(lookup.lookupsPerSecond).toLocaleString('en')} /s`, '≥ 1,000,000 /s', lookup.lookupsPerSecond >= 1_000_000);
line('  索引构建', `${lookup.buildMs.toFixed(1)} ms`, '—', true);
line('  随机点落在网格内的比例', `${(lookup.hitRate * 100).toFixed(1)} %`, '—', true);
