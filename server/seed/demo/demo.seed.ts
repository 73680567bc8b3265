import type { GridCodingRule } from '../../../common/domain/grid-code';
import { areaM2, bboxOf } from '../../../common/geo/measure';
import type { AreaGeometry } from '../../../common/geo/types';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { createAccessService } from '../../modules/access/access.service';
import { writeAudit } from '../../modules/audit/audit.service';
import type { DivisionTree } from '../../modules/territory/division-tree';
import { divisionsRepo } from '../../modules/territory/divisions.repo';
import { generateDemoTerritory, type DemoGrid } from './territory';
import { CITY_CODE, MANAGEMENT_AREA } from '../divisions-csv';

export const DEMO_PASSWORD = 'Heihe@2026';
export const SYNTHETIC_SOURCE = '演示数据（程序生成，非官方边界）';

/** Demo accounts: one per role that the first screens need, a grid centre and a department per county. */
export const DEMO_USERS = [
  { username: 'city', displayName: '市网格中心 王主任', role: 'city_centre', scopeCode: CITY_CODE },
  { username: 'aihui', displayName: '爱辉区网格中心 李科长', role: 'county_centre', scopeCode: '231102000000' },
  { username: 'xunke', displayName: '逊克县网格中心', role: 'county_centre', scopeCode: '231123000000' },
  { username: 'sunwu', displayName: '孙吴县网格中心', role: 'county_centre', scopeCode: '231124000000' },
  { username: 'beian', displayName: '北安市网格中心', role: 'county_centre', scopeCode: '231181000000' },
  { username: 'wudalianchi', displayName: '五大连池市网格中心', role: 'county_centre', scopeCode: '231182000000' },
  { username: 'nenjiang', displayName: '嫩江市网格中心', role: 'county_centre', scopeCode: '231183000000' },
  { username: 'fengjingqu', displayName: '五大连池风景区网格中心', role: 'county_centre', scopeCode: MANAGEMENT_AREA.code },
  { username: 'huayuan', displayName: '花园街道网格中心 张站长', role: 'street_centre', scopeCode: '231102001000' },
  { username: 'changhai', displayName: '长海社区网格化管理服务站', role: 'community_station', scopeCode: '231102001006' },
  // Linked to a staff record of the demo staff (a grid head and a certified 专职 worker of 长海社区).
  { username: 'changhai-wgz', displayName: '长海社区网格长', role: 'grid_head', scopeCode: '231102001006' },
  { username: 'changhai-wgy', displayName: '长海社区专职网格员', role: 'grid_worker', scopeCode: '231102001006' },
  // Linked departments that send professional workers, one per county, and a service unit of the demo staff.
  { username: 'aihui-ga', displayName: '黑河市公安局爱辉分局', role: 'department', scopeCode: null, orgCode: '231102000000-ga' },
  { username: 'xunke-ga', displayName: '逊克县公安局', role: 'department', scopeCode: null, orgCode: '231123000000-ga' },
  { username: 'sunwu-ga', displayName: '孙吴县公安局', role: 'department', scopeCode: null, orgCode: '231124000000-ga' },
  { username: 'beian-ga', displayName: '北安市公安局', role: 'department', scopeCode: null, orgCode: '231181000000-ga' },
  { username: 'wudalianchi-ga', displayName: '五大连池市公安局', role: 'department', scopeCode: null, orgCode: '231182000000-ga' },
  { username: 'nenjiang-ga', displayName: '嫩江市公安局', role: 'department', scopeCode: null, orgCode: '231183000000-ga' },
  { username: 'aihui-mz', displayName: '爱辉区民政局', role: 'department', scopeCode: null, orgCode: '231102000000-mz' },
  { username: 'aihui-gr', displayName: '爱辉区热力公司（网格服务单位）', role: 'department', scopeCode: null, orgCode: '231102000000-gr' },
  // The county governments, which approve their county's service-item catalogue (Art. 15); the
  // management area's catalogue is approved by its management committee, acting at county level.
  { username: 'aihui-zf', displayName: '爱辉区人民政府', role: 'county_government', scopeCode: '231102000000' },
  { username: 'xunke-zf', displayName: '逊克县人民政府', role: 'county_government', scopeCode: '231123000000' },
  { username: 'sunwu-zf', displayName: '孙吴县人民政府', role: 'county_government', scopeCode: '231124000000' },
  { username: 'beian-zf', displayName: '北安市人民政府', role: 'county_government', scopeCode: '231181000000' },
  { username: 'wudalianchi-zf', displayName: '五大连池市人民政府', role: 'county_government', scopeCode: '231182000000' },
  { username: 'nenjiang-zf', displayName: '嫩江市人民政府', role: 'county_government', scopeCode: '231183000000' },
  { username: 'fengjingqu-zf', displayName: '五大连池风景区管委会', role: 'county_government', scopeCode: MANAGEMENT_AREA.code },
  { username: 'admin', displayName: '系统管理员', role: 'sys_admin', scopeCode: null },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', scopeCode: null },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor', scopeCode: null },
] as const;

/**
 * Creates the demo accounts that don't exist yet. An account of an organisation that is not there
 * yet (a service unit comes with the demo staff) is left for the next call.
 */
export async function seedDemoUsers(db: Database, clock: Clock): Promise<number> {
  const access = createAccessService({ db, clock, sessionHours: 12 });
  let made = 0;
  for (const u of DEMO_USERS) {
    const exists = await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
    if (exists) continue;
    if ('orgCode' in u && !(await db.selectFrom('organisations').select('id').where('code', '=', u.orgCode).executeTakeFirst())) continue;
    await access.createUser(null, { ...u, password: DEMO_PASSWORD });
    made++;
  }
  return made;
}

function gridRows(g: DemoGrid, id: string, parentId: string | null, tree: DivisionTree, at: Date) {
  const county = tree.countyOf(g.divisionCode);
  if (!county) throw new Error(`演示网格 ${g.code} 的区划 ${g.divisionCode} 不存在`);
  const bbox = bboxOf(g.boundary);
  return {
    grid: {
      id,
      code: g.code,
      level: g.level,
      parent_id: parentId,
      division_code: g.divisionCode,
      township_code: tree.townshipOf(g.divisionCode)?.code ?? null,
      county_code: county.code,
      kind: g.kind,
      status: 'active' as const,
      created_at: at,
      retired_at: null,
    },
    version: {
      id: newId(at.getTime()),
      grid_id: id,
      version: 1,
      name: g.name,
      sub_kind: g.subKind,
      owning_unit: g.owningUnit,
      households: g.households,
      population: g.population,
      party_org_type: g.partyOrg.type,
      party_org_name: g.partyOrg.name,
      boundary: JSON.stringify(g.boundary),
      min_lng: bbox[0],
      min_lat: bbox[1],
      max_lng: bbox[2],
      max_lat: bbox[3],
      area_m2: areaM2(g.boundary),
      valid_from: at,
      valid_to: null,
      change_id: null,
    },
  };
}

/**
 * Draws the demo territory (synthetic township, community and grid shapes inside the real county
 * outlines, real codes and names) and stores it; a no-op when grids already exist.
 */
export async function seedDemoTerritory(
  db: Database,
  deps: { clock: Clock; rule: GridCodingRule; tree: DivisionTree },
  onProgress: (msg: string) => void = () => {},
): Promise<number> {
  const existing = await db.selectFrom('grids').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const { tree, clock } = deps;
  const counties = (await divisionsRepo.withBoundaryAtLevels(db, ['county']))
    .filter((c) => c.kind === 'county')
    .map((c) => ({ code: c.code, name: c.name, boundary: c.boundary as AreaGeometry }));
  const divisions = tree.all().map((d) => ({ code: d.code, parentCode: d.parentCode, name: d.name, level: d.level, kind: d.kind }));
  let lastPct = -1;
  const territory = generateDemoTerritory({
    counties,
    divisions,
    rule: deps.rule,
    onProgress: (done, total, stage) => {
      const pct = Math.floor((done / Math.max(total, 1)) * 100);
      if (pct !== lastPct && pct % 10 === 0) onProgress(`生成演示网格：${stage} ${pct}%`);
      lastPct = pct;
    },
  });
  const at = clock.now();
  await db.transaction().execute(async (tx) => {
    onProgress('写入乡镇、社区演示边界…');
    for (const [code, g] of [...territory.townshipBoundaries, ...territory.communityBoundaries]) {
      await divisionsRepo.setBoundary(tx, code, g, SYNTHETIC_SOURCE);
    }
    await divisionsRepo.setBoundary(tx, territory.managementArea.code, territory.managementArea.boundary, SYNTHETIC_SOURCE);
    const ids = new Map<string, string>();
    const ordered = [...territory.grids.filter((g) => g.level === 'grid'), ...territory.grids.filter((g) => g.level === 'micro')];
    const rows = ordered.map((g) => {
      const id = newId(at.getTime());
      ids.set(g.code, id);
      return gridRows(g, id, g.parentCode ? ids.get(g.parentCode)! : null, tree, at);
    });
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx.insertInto('grids').values(chunk.map((r) => r.grid)).execute();
      await tx.insertInto('grid_versions').values(chunk.map((r) => r.version)).execute();
      onProgress(`写入网格 ${Math.min(i + 500, rows.length)}/${rows.length}`);
    }
    await writeAudit(tx, clock, null, { action: 'seed.demo_territory', entity: 'grid', after: { grids: rows.length } });
  });
  return territory.grids.length;
}
