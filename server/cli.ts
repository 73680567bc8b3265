import { Command } from 'commander';
import { AppError } from '../common/app-error';
import { prepareDatabase } from './bootstrap';
import { loadConfig } from './config';
import { openDatabase, type DbHandle } from './db/client';
import { DataDirBusyError, type LockInfo } from './db/data-dir-lock';
import { migrateToLatest } from './db/migrate';
import { CONTROL_HEADER, parseSweepTime } from './http/control-routes';
import { systemClock } from './lib/clock';
import { createAccessService } from './modules/access/access.service';
import { verifyAuditChain } from './modules/audit/audit.service';

const config = loadConfig();

/** What a command does against the database itself, and (where it makes sense) through a running server. */
interface Task {
  local(h: DbHandle): Promise<void>;
  /** Carried out by the server that owns the embedded data directory, when one runs. */
  viaServer?(call: (path: string, body: unknown) => Promise<{ status: number; body: any }>): Promise<void>;
}

function fail(message: string, code = 1): void {
  console.error(`错误：${message}`);
  process.exitCode = code;
}

async function callServer(holder: LockInfo, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const c = holder.control!;
  const res = await fetch(`http://${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTROL_HEADER]: c.token },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

async function run(task: Task): Promise<void> {
  let h: DbHandle;
  try {
    h = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: 'cli' });
  } catch (e) {
    if (!(e instanceof DataDirBusyError)) throw e;
    if (task.viaServer && e.holder.role === 'server' && e.holder.control) {
      console.log(`服务正在运行（进程号 ${e.holder.pid}），本命令交由该服务执行。`);
      try {
        await task.viaServer((path, body) => callServer(e.holder, path, body));
      } catch (err) {
        if (err instanceof AppError) fail(err.message);
        else fail(`无法连接正在运行的服务（${(err as Error).message}）。${e.message}`);
      }
      return;
    }
    fail(`${e.message}${task.viaServer ? '' : '\n此命令需要独占数据库：请先停止服务再执行。'}`);
    return;
  }
  try {
    await task.local(h);
  } catch (e) {
    if (e instanceof AppError) fail(e.message);
    else throw e;
  } finally {
    await h.close();
  }
}

function serverAnswer(r: { status: number; body: any }): void {
  if (r.status >= 400) throw new AppError('bad_request', r.body?.error?.message ?? `服务返回 HTTP ${r.status}`);
}

async function reportAudit(broken: number | null): Promise<void> {
  if (broken === null) console.log('审计日志完整');
  else fail(`审计日志在第 ${broken} 条处被篡改或断链`, 2);
}

const program = new Command().name('wangge').description('网格通 管理命令');
const db = program.command('db').description('数据库');
db.command('migrate')
  .description('执行全部未执行的数据库迁移（内嵌数据库需先停止服务；服务启动时也会自动执行）')
  .action(() =>
    run({
      async local(h) {
        const applied = await migrateToLatest(h.db);
        console.log(applied.length ? `已执行：${applied.join(', ')}` : '数据库已是最新');
      },
    }),
  );
program
  .command('seed')
  .argument('<what>', 'reference（真实区划）或 demo（区划 + 演示账号 + 演示网格）')
  .description('载入数据（内嵌数据库需先停止服务）')
  .action((what: string) =>
    run({
      async local(h) {
        if (what !== 'demo' && what !== 'reference') throw new AppError('bad_request', `未知数据集 ${what}（可选 reference、demo）`);
        await prepareDatabase(h.db, { clock: systemClock, config, demo: what === 'demo', log: (m) => console.log(m) });
        console.log('完成');
      },
    }),
  );

interface UserOptions {
  username: string;
  password: string;
  role: string;
  scope?: string;
  name?: string;
  org?: string;
}
const user = program.command('user').description('账号');
user
  .command('create')
  .requiredOption('--username <username>', '用户名')
  .requiredOption('--password <password>', '密码（至少 10 位，含三类字符）')
  .requiredOption('--role <role>', '角色，如 city_centre、county_centre、street_centre、sys_admin')
  .option('--scope <code>', '管辖范围：12 位区划代码')
  .option('--name <displayName>', '显示名称')
  .option('--org <code>', '所属单位编码（部门用户，如 231102000000-mz）')
  .description('创建账号（服务运行时交由服务执行）')
  .action((o: UserOptions) => {
    const input = { username: o.username, password: o.password, role: o.role, scopeCode: o.scope, displayName: o.name, orgCode: o.org };
    return run({
      async local(h) {
        await migrateToLatest(h.db);
        const access = createAccessService({ db: h.db, clock: systemClock, sessionHours: config.sessionHours });
        const id = await access.createUser(null, input);
        console.log(`已创建账号 ${o.username}（${id}）`);
      },
      async viaServer(call) {
        const r = await call('/api/control/users', input);
        serverAnswer(r);
        console.log(`已创建账号 ${o.username}（${r.body.id}）`);
      },
    });
  });

const verifyTask: Task = {
  local: async (h) => reportAudit(await verifyAuditChain(h.db)),
  async viaServer(call) {
    const r = await call('/api/control/audit-verify', {});
    serverAnswer(r);
    await reportAudit(r.body.brokenAt);
  },
};
program.command('audit-verify').description('校验审计日志哈希链是否完整（同 audit verify）').action(() => run(verifyTask));
program.command('audit').description('审计日志').command('verify').description('校验审计日志哈希链是否完整').action(() => run(verifyTask));

function reportSweep(r: { done: number; failed: number }, at: Date | undefined): void {
  const when = at ? `按 ${at.toISOString()} ` : '';
  console.log(`${when}执行时限任务 ${r.done} 项${r.failed ? `，失败 ${r.failed} 项（将重试）` : ''}`);
  if (r.failed) process.exitCode = 1;
}
program
  .command('deadlines')
  .description('事项时限（临期预警、超期自动提级）')
  .command('sweep')
  .option('--at <time>', '按给定时间执行（ISO 格式，含时区，如 2026-12-31T17:00:00+08:00）；缺省为当前时间')
  .description('执行到期的时限任务（服务运行时交由服务执行，且只能按当前或过去的时间）')
  .action((o: { at?: string }) =>
    run({
      async local(h) {
        const at = parseSweepTime(o.at);
        await migrateToLatest(h.db);
        const { buildApp } = await import('./app');
        const built = await buildApp({ db: h.db, clock: systemClock, config: { ...config, jobsIntervalSeconds: 0 }, logger: false });
        try {
          reportSweep(await built.matters.sweep({ at }), at);
        } finally {
          await built.app.close();
        }
      },
      async viaServer(call) {
        const at = parseSweepTime(o.at);
        const r = await call('/api/control/deadlines-sweep', { at: o.at });
        serverAnswer(r);
        reportSweep(r.body, at);
      },
    }),
  );

await program.parseAsync();
