import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirBusyError } from './db/data-dir-lock';

const config = loadConfig();
// Opening the embedded database and loading the app's modules both take a while: do them together.
const opening = openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  role: 'server',
  onIdleError: (e) => console.warn(`数据库连接被服务器断开（${(e as { code?: string }).code ?? e.message}），下次查询时重新连接`),
}).catch((e: unknown) => {
  if (e instanceof DataDirBusyError) {
    console.error(`无法启动：${e.message}`);
    process.exit(1);
  }
  throw e;
});
const [{ buildApp }, { prepareDatabase }, { systemClock }, { createLogger }, { DEMO_PASSWORD, DEMO_USERS }] = await Promise.all([
  import('./app'),
  import('./bootstrap'),
  import('./lib/clock'),
  import('./lib/logger'),
  import('./seed/demo/demo.seed'),
]);
const handle = await opening;
const log = createLogger();
log.info(`数据库：${handle.kind === 'pglite' ? `内嵌 PGlite（${config.dataDir}）` : 'PostgreSQL（DATABASE_URL）'}`);
// Start-up progress is for the person at the console, so it is printed plainly rather than as JSON log lines.
await prepareDatabase(handle.db, { clock: systemClock, config, demo: config.seedDemo, log: (m) => console.log(m) });
const control = { value: null as string | null };
const { app, inFlight } = await buildApp({ db: handle.db, clock: systemClock, config, databaseUrl: handle.databaseUrl, control });

const shutdown = async (signal: string) => {
  log.info(`收到 ${signal}，正在停止…`);
  await app.close();
  // Handlers of clients that have gone may still be writing; the database closes after them.
  if (!(await inFlight.settled(10_000))) log.warn('仍有请求未处理完，10 秒后照常停止');
  await handle.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
// The command line reaches this server through the lock file (embedded database only).
if (handle.lock) control.value = handle.lock.publishControl(port, config.host);
const url = `http://localhost:${port}`;
console.log(`\n网格通已启动：${url}   接口文档：${url}/docs`);
if (config.seedDemo) {
  console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(15)} ${u.displayName}`);
}
