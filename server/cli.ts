import { Command } from 'commander';
import { AppError } from '../common/app-error';
import { prepareDatabase } from './bootstrap';
import { loadConfig } from './config';
import { openDatabase, type DbHandle } from './db/client';
import { migrateToLatest } from './db/migrate';
import { systemClock } from './lib/clock';
import { createAccessService } from './modules/access/access.service';
import { verifyAuditChain } from './modules/audit/audit.service';

const config = loadConfig();

async function withDb(fn: (h: DbHandle) => Promise<void>): Promise<void> {
  const h = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await fn(h);
  } catch (e) {
    console.error(e instanceof AppError ? `错误：${e.message}` : e);
    process.exitCode = 1;
  } finally {
    await h.close();
  }
}

const program = new Command().name('wangge').description('网格通 管理命令');
const db = program.command('db').description('数据库');
db.command('migrate')
  .description('执行全部未执行的数据库迁移')
  .action(() =>
    withDb(async (h) => {
      const applied = await migrateToLatest(h.db);
      console.log(applied.length ? `已执行：${applied.join(', ')}` : '数据库已是最新');
    }),
  );
program
  .command('seed')
  .argument('<what>', 'reference（真实区划）或 demo（区划 + 演示账号 + 演示网格）')
  .description('载入数据')
  .action((what: string) =>
    withDb(async (h) => {
      if (what !== 'demo' && what !== 'reference') throw new AppError('bad_request', `未知数据集 ${what}（可选 reference、demo）`);
      await prepareDatabase(h.db, { clock: systemClock, config, demo: what === 'demo', log: (m) => console.log(m) });
      console.log('完成');
    }),
  );
const user = program.command('user').description('账号');
user
  .command('create')
  .requiredOption('--username <username>', '用户名')
  .requiredOption('--password <password>', '密码（至少 10 位，含三类字符）')
  .requiredOption('--role <role>', '角色，如 city_centre、county_centre、street_centre、sys_admin')
  .option('--scope <code>', '管辖范围：12 位区划代码')
  .option('--name <displayName>', '显示名称')
  .option('--department <department>', '所属部门（部门用户）')
  .description('创建账号')
  .action((o: { username: string; password: string; role: string; scope?: string; name?: string; department?: string }) =>
    withDb(async (h) => {
      await migrateToLatest(h.db);
      const access = createAccessService({ db: h.db, clock: systemClock, sessionHours: config.sessionHours });
      const id = await access.createUser(null, { username: o.username, password: o.password, role: o.role, scopeCode: o.scope, displayName: o.name, department: o.department });
      console.log(`已创建账号 ${o.username}（${id}）`);
    }),
  );
program
  .command('audit-verify')
  .description('校验审计日志哈希链是否完整')
  .action(() =>
    withDb(async (h) => {
      const broken = await verifyAuditChain(h.db);
      if (broken === null) console.log('审计日志完整');
      else {
        console.error(`审计日志在第 ${broken} 条处被篡改或断链`);
        process.exitCode = 2;
      }
    }),
  );
await program.parseAsync();
