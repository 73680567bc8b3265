import { AppError } from '../../../common/app-error';
import { gapKindLabels, gridGaps, roleRules, staffRoleLabels, type GapKind, type StaffingSettings, type StaffRole } from '../../../common/domain/staff';
import type { Database } from '../../db/client';
import { dayOf, type Clock } from '../../lib/clock';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { scopePrefix } from './staff.policy';
import { staffRepo } from './staff.repo';
import { settingsFromRow, settingsOf } from './staffing-settings';

export interface StaffingDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
}

interface AreaCount {
  code: string;
  name: string;
  grids: number;
  gridsWithGaps: number;
  byGap: Record<GapKind, number>;
}

const emptyGaps = (): Record<GapKind, number> => ({ no_head: 0, no_fulltime: 0, no_exclusive: 0 });

/**
 * The staffing rules checked on the current data whenever asked (Art. 11, 13, 29): grids without a
 * head, without a 专职 worker, exclusive grids without their 专属网格员, people over the county's
 * load limits, and each county's 专职 quota (员额) against filled posts.
 */
export function createStaffingService({ db, clock, tree }: StaffingDeps) {
  return {
    async gaps(actor: Actor, within?: string) {
      requirePermission(actor, 'staff.read', '查看网格人员配备');
      const own = scopePrefix(actor);
      if (!own) throw new AppError('forbidden', '您的账号没有管辖范围');
      const code = within ?? actor.scopeCode!;
      const node = tree.get(code);
      if (!node) throw new AppError('not_found', `没有区划代码为 ${code} 的单位`);
      if (!inScope(actor, code)) throw new AppError('forbidden', '所选区域不在您的管辖范围内');
      const prefix = scopePrefix({ ...actor, scopeCode: code })!;
      const on = dayOf(clock.now());
      const [counts, loads, filled, settingsRows] = await Promise.all([
        staffRepo.gridStaffCounts(db, prefix, on),
        staffRepo.multiGridLoads(db, prefix, on),
        staffRepo.fulltimeFilled(db, prefix, on),
        staffRepo.allSettings(db),
      ]);
      const settings = new Map(settingsRows.map((r) => [r.county_code, settingsFromRow(r)]));
      const settingsFor = (county: string): StaffingSettings => settings.get(county) ?? settingsFromRow(undefined);

      // One level down from the chosen area: counties of the city, streets of a county, communities of a street.
      const children = new Map<string, AreaCount>(tree.childrenOf(code).map((c) => [c.code, { code: c.code, name: c.name, grids: 0, gridsWithGaps: 0, byGap: emptyGaps() }]));
      const childOf = (divisionCode: string) => tree.path(divisionCode).find((p) => children.has(p.code))?.code;
      const totals = { grids: 0, gridsWithGaps: 0, byGap: emptyGaps() };
      const grids = [];
      const gridsPerCounty = new Map<string, number>();
      for (const g of counts) {
        const gaps = gridGaps({ kind: g.kind, heads: Number(g.heads), fulltime: Number(g.fulltime), exclusive: Number(g.exclusive) });
        gridsPerCounty.set(g.county_code, (gridsPerCounty.get(g.county_code) ?? 0) + 1);
        totals.grids++;
        const area = children.get(childOf(g.division_code) ?? '');
        if (area) area.grids++;
        if (gaps.length) {
          totals.gridsWithGaps++;
          if (area) area.gridsWithGaps++;
        }
        for (const k of gaps) {
          totals.byGap[k]++;
          if (area) area.byGap[k]++;
        }
        grids.push({
          code: g.code,
          name: g.name,
          kind: g.kind,
          divisionCode: g.division_code,
          gaps,
          heads: Number(g.heads),
          fulltime: Number(g.fulltime),
          parttime: Number(g.parttime),
          professional: Number(g.professional),
          exclusive: Number(g.exclusive),
        });
      }
      const overloaded = loads
        .map((l) => {
          const key = roleRules[l.role as StaffRole].limit;
          const limit = key ? settingsFor(l.county_code)[key] : null;
          return { staffId: l.staff_id, name: l.name, role: l.role as StaffRole, roleLabel: staffRoleLabels[l.role as StaffRole], grids: Number(l.n), limit };
        })
        .filter((l) => l.limit !== null && l.grids > l.limit);
      const filledBy = new Map(filled.map((f) => [f.county_code, Number(f.n)]));
      const quotas = [...gridsPerCounty.keys()].sort().map((county) => {
        const s = settingsFor(county);
        const quota = s.fulltimeQuota ?? gridsPerCounty.get(county)!;
        const f = filledBy.get(county) ?? 0;
        return { countyCode: county, countyName: tree.get(county)?.name ?? county, quota, quotaIsDefault: s.fulltimeQuota === null, filled: f, vacancies: Math.max(0, quota - f) };
      });
      return {
        within: { code, name: node.name },
        on,
        gapLabels: gapKindLabels,
        totals,
        areas: [...children.values()].filter((a) => a.grids > 0),
        grids,
        overloaded,
        quotas,
      };
    },

    async settings(actor: Actor, countyCode: string) {
      requirePermission(actor, 'staff.read', '查看配备规则');
      if (!inScope(actor, countyCode) && !(actor.scopeCode && countyCode.startsWith(actor.scopeCode.slice(0, 6)))) throw new AppError('forbidden', '该县不在您的管辖范围内');
      const county = tree.get(countyCode);
      if (!county || county.level !== 'county') throw new AppError('not_found', `${countyCode} 不是县级区划`);
      const row = await staffRepo.settings(db, countyCode);
      return { countyCode, countyName: county.name, ...settingsFromRow(row), isDefault: !row };
    },

    /** Each county sets its own rules (Art. 13). */
    async saveSettings(actor: Actor, countyCode: string, s: StaffingSettings) {
      requirePermission(actor, 'staffing.settings', '设置配备规则');
      if (!inScope(actor, countyCode) || tree.get(countyCode)?.level !== 'county') throw new AppError('forbidden', '只能设置本县（市、区）的配备规则');
      const before = await settingsOf(db, countyCode);
      await db.transaction().execute(async (tx) => {
        await staffRepo.saveSettings(tx, {
          county_code: countyCode,
          max_grids_head: s.maxGridsHead,
          max_grids_fulltime: s.maxGridsFulltime,
          max_grids_parttime: s.maxGridsParttime,
          max_grids_professional: s.maxGridsProfessional,
          fulltime_quota: s.fulltimeQuota,
          updated_by: actor.id,
          updated_at: clock.now(),
        });
        await writeAudit(tx, clock, actor, { action: 'staffing.settings', entity: 'county', entityId: countyCode, before, after: s });
      });
      return this.settings(actor, countyCode);
    },
  };
}
export type StaffingService = ReturnType<typeof createStaffingService>;
