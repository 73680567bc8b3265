/**
 * `npm run bench`: prints figures and compares them with the budgets of ARCHITECTURE.md.
 * Never fails on timing; figures are for the note and for spotting regressions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labelPointOf } from '../../common/geo/measure';
import type { AreaGeometry, Position } from '../../common/geo/types';
import { prepareDatabase } from '../../server/bootstrap';
import { openDatabase } from '../../server/db/client';
import { ManualClock, systemClock } from '../../server/lib/clock';
import { createStaffingService } from '../../server/modules/staff/staffing.service';
import { DivisionTree } from '../../server/modules/territory/division-tree';
import { gridsRepo } from '../../server/modules/territory/grids.repo';
import { DEMO_PASSWORD } from '../../server/seed/demo/demo.seed';
import { healthDuring, load, startBare, startServer, stop } from './http.bench';
import { benchImport, staffImportFile } from './import.bench';
import { benchLookup } from './lookup.bench';
import { benchPhotos } from './photos.bench';
import { benchIntake } from './matters.bench';
import { adminQuery, withDatabase } from '../support/template';
import { createAccessService } from '../../server/modules/access/access.service';

const root = path.resolve(import.meta.dirname, '../..');
function line(what: string, figure: string, budget: string, ok: boolean) {
  console.log(`${ok ? '✓' : '✗'} ${what.padEnd(34)} ${figure.padStart(20)}   预算 ${budget}`);
}
const fmt = (n: number) => Math.round(n).toLocaleString('en');

// The server is measured as it runs in production: compiled JavaScript.
execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });

const mem0 = process.memoryUsage().rss;
const t0 = performance.now();
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-'));
const h = await openDatabase({ dataDir });
const clock = new ManualClock();
await prepareDatabase(h.db, { clock, config: { gridCodeScheme: '15' }, demo: true });
const seedS = (performance.now() - t0) / 1000;
const rssMb = (process.memoryUsage().rss - mem0) / 1048576;

// The city-wide staffing gaps as the city centre asks for them (the service's gaps(), median of five runs).
const tree = new DivisionTree();
await tree.load(h.db);
const staffing = createStaffingService({ db: h.db, clock, tree });
const cityUser = await h.db.selectFrom('users').select(['id', 'username', 'display_name', 'scope_code']).where('username', '=', 'city').executeTakeFirstOrThrow();
const cityActor = { id: cityUser.id, username: cityUser.username, displayName: cityUser.display_name, role: 'city_centre' as const, scopeCode: cityUser.scope_code, department: null, orgId: null, ip: null };
const gapRuns: number[] = [];
let gapGrids = 0;
for (let i = 0; i < 5; i++) {
  const g0 = performance.now();
  gapGrids = (await staffing.gaps(cityActor)).totals.grids;
  gapRuns.push(performance.now() - g0);
}
const gapsMs = gapRuns.sort((a, b) => a - b)[2];

const rows = await gridsRepo.list(h.db, { status: 'active', level: 'grid', withBoundary: true });
const areas = rows.map((r) => ({ geometry: r.boundary as AreaGeometry, data: r.code }));
const lookup = benchLookup(areas, { points: 2_000_000 });
// A county centre's Excel file of 7,000 new workers over 爱辉区's real demo grids.
const importFile = await staffImportFile(h.db, '231102000000', rows.filter((r) => r.county_code === '231102000000' && r.kind !== 'exclusive').map((r) => r.code), 7000);
// 12345 operators of 爱辉区's centre for the matter intake figure (each may report 60 a minute),
// signed in here so the server's login limit per address is not the thing measured.
// Sessions on the real clock: the server checks them against it.
const access = createAccessService({ db: h.db, clock: systemClock, sessionHours: 12 });
const OPERATORS = 300;
const operatorCookies: string[] = [];
for (let i = 0; i < OPERATORS; i++) {
  const username = `bench-hotline-${i}`;
  await access.createUser(null, { username, password: DEMO_PASSWORD, role: 'county_centre', scopeCode: '231102000000', displayName: `12345 话务员 ${i}` });
  operatorCookies.push(`wg_session=${(await access.login(username, DEMO_PASSWORD, '127.0.0.1')).token}`);
}
const aihuiPoints = rows.filter((r) => r.county_code === '231102000000').slice(0, 300).map((r) => labelPointOf(r.boundary as AreaGeometry));
await h.close();

// Start to serving on the existing database (median of three starts).
const port = 39_000 + Math.floor(Math.random() * 1000);
const starts: number[] = [];
for (let i = 0; i < 3; i++) {
  const s = await startServer(dataDir, port);
  starts.push(s.seconds);
  await stop(s.child);
}
const startS = starts.sort((a, b) => a - b)[1];

// HTTP: a signed-in lookup against a bare Fastify route, same machine, same run.
const server = await startServer(dataDir, port);
const base = `http://127.0.0.1:${port}`;
const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'aihui', password: DEMO_PASSWORD }) });
const cookie = res.headers.get('set-cookie')!.split(';')[0];
const points: Position[] = areas.slice(0, 200).map((a) => labelPointOf(a.geometry));
const lookupPaths = points.map(([x, y]) => `/api/grids/lookup?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}`);
const bare = await startBare(port + 1);
const bareFig = await load({ url: `http://127.0.0.1:${port + 1}`, paths: ['/bare'] });
await stop(bare);
const lookupFig = await load({ url: base, paths: lookupPaths, headers: { cookie } });
const ratio = lookupFig.requestsPerSecond / bareFig.requestsPerSecond;

// Matter intake: new matters over HTTP, beside a bare POST route of the same body in the same run.
const barePost = await startBare(port + 1);
const bareIntake = await benchIntake({ url: `http://127.0.0.1:${port + 1}`, path: '/bare', cookies: operatorCookies, points: aihuiPoints });
await stop(barePost);
const intake = await benchIntake({ url: base, cookies: operatorCookies, points: aihuiPoints });

// Health while eight 20,000-vertex boundaries are validated at once.
const [cx, cy] = points[0];
const ring: Position[] = [];
for (let i = 0; i < 19_999; i++) {
  const a = (2 * Math.PI * i) / 19_999;
  const r = 0.01 * (1 + 0.05 * Math.sin(a * 50));
  ring.push([cx + r * Math.cos(a), cy + r * 0.6 * Math.sin(a)]);
}
ring.push(ring[0]);
const body = JSON.stringify({ kind: 'create', reason: '基准测试：大边界校验', divisionCode: rows[0].division_code, grid: { name: '基准测试网格', kind: 'urban', subKind: 'residential_compound', boundary: { type: 'Polygon', coordinates: [ring] } } });
const validate = () => fetch(`${base}/api/grid-changes/validate`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body }).then((r) => r.status);
let statuses: number[] = [];
const vt0 = performance.now();
const health = await healthDuring(base, async () => {
  statuses = await Promise.all(Array.from({ length: 8 }, validate));
});
const validateS = (performance.now() - vt0) / 1000;

// Staff import from .xlsx through the API (upload, dry run, import) as 爱辉区's centre, /api/health meanwhile.
let imported: Awaited<ReturnType<typeof benchImport>> = { dryRunS: 0, importS: 0, status: '未运行' };
const importHealth = await healthDuring(base, async () => {
  imported = await benchImport(base, cookie, importFile);
});
const importS = imported.dryRunS + imported.importS;
await stop(server.child);
rmSync(dataDir, { recursive: true, force: true });

// Matter intake on PostgreSQL (the local server, when it answers): its own database, seeded the same way.
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let pgIntake: (Awaited<ReturnType<typeof benchIntake>> & { bare: number }) | null = null;
try {
  const pgName = `wangge_bench_${process.pid}`;
  const pgUrl = withDatabase(PG, pgName);
  await adminQuery(PG, `create database ${pgName}`);
  try {
    const ph = await openDatabase({ databaseUrl: pgUrl });
    await prepareDatabase(ph.db, { clock, config: { gridCodeScheme: '15' }, demo: true });
    const pgAccess = createAccessService({ db: ph.db, clock: systemClock, sessionHours: 12 });
    const pgCookies: string[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const username = `bench-hotline-${i}`;
      await pgAccess.createUser(null, { username, password: DEMO_PASSWORD, role: 'county_centre', scopeCode: '231102000000' });
      pgCookies.push(`wg_session=${(await pgAccess.login(username, DEMO_PASSWORD, '127.0.0.1')).token}`);
    }
    await ph.close();
    const pgData = mkdtempSync(path.join(tmpdir(), 'wangge-bench-pg-'));
    const pgServer = await startServer(pgData, port + 2, pgUrl);
    pgIntake = { ...(await benchIntake({ url: `http://127.0.0.1:${port + 2}`, cookies: pgCookies, points: aihuiPoints })), bare: bareIntake.requestsPerSecond };
    await stop(pgServer.child);
    rmSync(pgData, { recursive: true, force: true });
  } finally {
    await adminQuery(PG, `drop database if exists ${pgName} with (force)`);
  }
} catch (e) {
  console.log(`PostgreSQL 事项登记未测：${(e as Error).message}`);
}

// Matter photos: three reports of nine 12 MP phone photos re-encoded at once, health in the same process.
const photoFig = await benchPhotos();

console.log(`\n网格通 基准测试（${new Date().toISOString()}，Node ${process.version}）`);
line('演示数据播种（区划 + 网格 + 人员，PGlite）', `${seedS.toFixed(1)} s`, '< 300 s（全量规模另含 190 万居民，居民档案建成后一并计入）', seedS < 300);
line(`全市配备缺口（${gapGrids} 个网格）`, `${gapsMs.toFixed(0)} ms`, '< 1 s', gapsMs < 1000);
line('启动到可服务（已有数据库，编译后）', `${startS.toFixed(2)} s`, '< 3 s', startS < 3);
line('播种内存增量', `${rssMb.toFixed(0)} MB`, '< 2048 MB', rssMb < 2048);
line(`坐标→网格（${areas.length} 个网格，进程内）`, `${fmt(lookup.lookupsPerSecond)} /s`, '≥ 1,000,000 /s', lookup.lookupsPerSecond >= 1_000_000);
line('  索引构建', `${lookup.buildMs.toFixed(1)} ms`, '—', true);
line('  随机点落在网格内的比例', `${(lookup.hitRate * 100).toFixed(1)} %`, '—', true);
line('HTTP 空路由（同机同轮）', `${fmt(bareFig.requestsPerSecond)} /s`, '—', true);
line('HTTP 登录后坐标查询', `${fmt(lookupFig.requestsPerSecond)} /s`, '—', lookupFig.errors === 0);
line('  与空路由之比', `${(ratio * 100).toFixed(1)} %`, '≥ 25 %', ratio >= 0.25);
line('  p50 / p99', `${lookupFig.p50Ms} / ${lookupFig.p99Ms} ms`, 'p99 < 20 ms', lookupFig.p99Ms < 20);
line('  错误或非 2xx 响应', `${lookupFig.errors}`, '0', lookupFig.errors === 0);
line('HTTP 空路由 POST（同样的请求体）', `${fmt(bareIntake.requestsPerSecond)} /s`, '—', true);
line('事项登记（12345 话务员，坐标定位）', `${fmt(intake.requestsPerSecond)} /s`, '≥ 300 /s（内嵌）', intake.requestsPerSecond >= 300 && intake.errors === 0);
line('  与空路由之比', `${((intake.requestsPerSecond / bareIntake.requestsPerSecond) * 100).toFixed(1)} %`, '—', true);
line('  p50 / p99', `${intake.p50Ms} / ${intake.p99Ms} ms`, 'p99 < 100 ms', intake.p99Ms < 100);
line('  新建事项 / 错误或非 201', `${fmt(intake.created)} / ${intake.errors}`, '0 错误', intake.errors === 0);
if (pgIntake) {
  line('事项登记（PostgreSQL，同上）', `${fmt(pgIntake.requestsPerSecond)} /s`, '≥ 1,500 /s（PostgreSQL）', pgIntake.requestsPerSecond >= 1500 && pgIntake.errors === 0);
  line('  p50 / p99', `${pgIntake.p50Ms} / ${pgIntake.p99Ms} ms`, 'p99 < 100 ms', pgIntake.p99Ms < 100);
  line('  新建事项 / 错误或非 201', `${fmt(pgIntake.created)} / ${pgIntake.errors}`, '0 错误', pgIntake.errors === 0);
}
line('8 个 2 万点边界同时校验', `${validateS.toFixed(1)} s（${statuses.join('/')}）`, '—', true);
line('  期间 /api/health 最慢 / p99', `${health.maxMs.toFixed(0)} / ${health.p99Ms.toFixed(0)} ms`, 'p99 < 100 ms', health.p99Ms < 100);
line('网格人员 Excel 导入 7,000 行（PGlite）', `${importS.toFixed(1)} s`, '< 30 s（检查 + 导入）', imported.status === 'done' && importS < 30);
line('  逐行检查 / 导入写入', `${imported.dryRunS.toFixed(1)} / ${imported.importS.toFixed(1)} s（${imported.status}）`, '—', imported.status === 'done');
line('  期间 /api/health 最慢 / p99', `${importHealth.maxMs.toFixed(0)} / ${importHealth.p99Ms.toFixed(0)} ms`, 'p99 < 100 ms', importHealth.p99Ms < 100);
if (imported.problem) console.log(`  导入未完成：${imported.problem}`);
line(`照片重新编码 ${photoFig.photos} 张（平均 ${photoFig.meanInputMb.toFixed(1)} MB）`, `${photoFig.seconds.toFixed(1)} s（${(photoFig.photos / photoFig.seconds).toFixed(1)} 张/s）`, '—', true);
line('  期间 /api/health 最慢 / p99', `${photoFig.health.maxMs.toFixed(0)} / ${photoFig.health.p99Ms.toFixed(0)} ms`, 'p99 < 100 ms', photoFig.health.p99Ms < 100);
