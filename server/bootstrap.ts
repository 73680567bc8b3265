import { gridCodingRule } from '../common/domain/grid-code';
import type { Config } from './config';
import type { Database } from './db/client';
import { announceChange } from './db/change-feed';
import { migrateToLatest } from './db/migrate';
import type { Clock } from './lib/clock';
import { DivisionTree } from './modules/territory/division-tree';
import { DEMO_USERS, seedDemoTerritory, seedDemoUsers } from './seed/demo/demo.seed';
import { seedDemoStaff } from './seed/demo/staff.seed';
import { seedCatalogues } from './seed/catalogue.seed';
import { seedOrganisations } from './seed/organisations.seed';
import { seedReference } from './seed/reference.seed';

/** Brings a database up to date: migrations, the real divisions, and (optionally) the demo dataset. */
export async function prepareDatabase(
  db: Database,
  opts: { clock: Clock; config: Pick<Config, 'gridCodeScheme'>; demo: boolean; log?: (msg: string) => void },
): Promise<void> {
  const log = opts.log ?? (() => {});
  const applied = await migrateToLatest(db);
  if (applied.length) log(`已执行数据库迁移：${applied.join(', ')}`);
  if (await seedReference(db)) {
    log('已载入黑河市真实行政区划（6 个县级单位、160 个乡级单位、961 个村级单位）与县级边界');
    await announceChange(db, 'divisions');
  }
  const orgs = await seedOrganisations(db, opts.clock);
  if (orgs) log(`已建立 ${orgs} 个网格化管理服务机构、网格联动部门、人民团体与人民政府`);
  const catalogues = await seedCatalogues(db, opts.clock);
  if (catalogues) {
    log(`已为 ${catalogues} 个县级单位启用默认事项清单（第 1 版，时限为默认值，须由各县审核）`);
    await announceChange(db, 'catalogue');
  }
  if (!opts.demo) return;
  const users = await seedDemoUsers(db, opts.clock);
  if (users) log(`已创建 ${users} 个演示账号`);
  const tree = new DivisionTree();
  await tree.load(db);
  const t0 = performance.now();
  const grids = await seedDemoTerritory(db, { clock: opts.clock, rule: gridCodingRule(opts.config.gridCodeScheme), tree }, log);
  if (grids) {
    log(`已生成 ${grids} 个演示网格与微网格，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
    // Servers already running on this database (PostgreSQL) pick up the new outlines and grids.
    await announceChange(db, 'divisions');
    await announceChange(db, 'grids');
  }
  const t1 = performance.now();
  const staff = await seedDemoStaff(db, { clock: opts.clock, tree, accounts: DEMO_USERS }, log);
  if (staff) {
    const r = staff.byRole;
    log(
      `已生成 ${staff.people} 名演示网格人员（网格长 ${r.grid_head ?? 0}、专职 ${r.fulltime ?? 0}、兼职 ${r.parttime ?? 0}、专业 ${r.professional ?? 0}、专属 ${r.exclusive ?? 0}、` +
        `楼栋长与单元长 ${(r.building_head ?? 0) + (r.unit_head ?? 0)}，已退出 ${staff.exited}），用时 ${((performance.now() - t1) / 1000).toFixed(1)} 秒`,
    );
    // Accounts of the service units that came with the demo staff.
    const more = await seedDemoUsers(db, opts.clock);
    if (more) log(`已创建 ${more} 个网格服务单位演示账号`);
  }
}
