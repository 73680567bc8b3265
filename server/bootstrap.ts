import { gridCodingRule } from '../common/domain/grid-code';
import type { Config } from './config';
import type { Database } from './db/client';
import { migrateToLatest } from './db/migrate';
import type { Clock } from './lib/clock';
import { DivisionTree } from './modules/territory/division-tree';
import { seedDemoTerritory, seedDemoUsers } from './seed/demo.seed';
import { seedReference } from './seed/reference.seed';

/** Brings a database up to date: migrations, the real divisions, and (optionally) the demo dataset. */
export async function prepareDatabase(
  db: Database,
  opts: { clock: Clock; config: Pick<Config, 'gridCodeScheme'>; demo: boolean; log?: (msg: string) => void },
): Promise<void> {
  const log = opts.log ?? (() => {});
  const applied = await migrateToLatest(db);
  if (applied.length) log(`已执行数据库迁移：${applied.join(', ')}`);
  if (await seedReference(db)) log('已载入黑河市真实行政区划（6 个县级单位、160 个乡级单位、961 个村级单位）与县级边界');
  if (!opts.demo) return;
  const users = await seedDemoUsers(db, opts.clock);
  if (users) log(`已创建 ${users} 个演示账号`);
  const tree = new DivisionTree();
  await tree.load(db);
  const t0 = performance.now();
  const grids = await seedDemoTerritory(db, { clock: opts.clock, rule: gridCodingRule(opts.config.gridCodeScheme), tree }, log);
  if (grids) log(`已生成 ${grids} 个演示网格与微网格，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
}
