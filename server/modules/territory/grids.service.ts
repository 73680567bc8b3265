import { AppError } from '../../../common/app-error';
import { toWgs84 } from '../../../common/geo/crs';
import type { BBox } from '../../../common/geo/types';
import type { GridDetail, GridListQuery, LookupResult } from '../../../common/schemas/grids';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from './division-tree';
import { filingsRepo } from './grid-changes.repo';
import type { GridRegistry } from './grid-registry';
import { presentFiling, presentGridSummary, presentVersion } from './grids.presenter';
import { gridsRepo } from './grids.repo';
import { mayReadChange } from './territory.policy';

export interface GridReadDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  registry: GridRegistry;
}

/** The grid registry as read by everyone (Art. 9): by area, by code, by point. Grid data is not personal. */
export function createGridService({ db, clock, tree, registry }: GridReadDeps) {
  return {
    async list(actor: Actor, q: GridListQuery) {
      requirePermission(actor, 'grid.read', '查看网格');
      let divisionCodes: string[] | undefined;
      if (q.within && q.within !== '231100000000') {
        if (!tree.get(q.within)) throw new AppError('not_found', `没有区划代码为 ${q.within} 的单位`);
        divisionCodes = tree.subtree(q.within);
      }
      let bbox: BBox | undefined;
      if (q.bbox) {
        bbox = q.bbox.split(',').map(Number) as BBox;
        if (bbox.some((n) => !Number.isFinite(n)) || bbox[0] > bbox[2] || bbox[1] > bbox[3]) throw new AppError('bad_request', 'bbox 格式为 最小经度,最小纬度,最大经度,最大纬度');
      }
      const at = q.asOf ? new Date(q.asOf) : undefined;
      if (at && at > clock.now()) throw new AppError('bad_request', '历史日期不能晚于现在');
      const filter = { divisionCodes, status: q.status, level: q.level, at, bbox, limit: q.limit, offset: q.offset };
      const rows = await gridsRepo.list(db, { ...filter, withBoundary: q.format === 'geojson' });
      if (q.format === 'geojson') {
        return {
          type: 'FeatureCollection' as const,
          features: rows.map((r) => ({ type: 'Feature' as const, properties: presentGridSummary(r, tree), geometry: r.boundary })),
        };
      }
      const total = rows.length < q.limit && q.offset === 0 ? rows.length : await gridsRepo.count(db, filter);
      return { items: rows.map((r) => presentGridSummary(r, tree)), total };
    },

    async detail(actor: Actor, code: string): Promise<GridDetail> {
      requirePermission(actor, 'grid.read', '查看网格');
      const grid = await gridsRepo.byCode(db, code);
      if (!grid) throw new AppError('not_found', `没有编码为 ${code} 的网格`);
      // The version data is the public registry; the reason and author of a change only for those who may read the change.
      const history = (await gridsRepo.history(db, grid.id)).map((v) =>
        presentVersion(v, v.change_county !== null && mayReadChange(actor, { county_code: v.change_county, division_code: v.change_division })),
      );
      const latest = history[0];
      const micro = await gridsRepo.list(db, { level: 'micro', status: 'all', parentId: grid.id });
      const parent = grid.parent_id ? await gridsRepo.byId(db, grid.parent_id) : undefined;
      return {
        grid: {
          code: grid.code,
          name: latest.name,
          level: grid.level,
          kind: grid.kind,
          subKind: latest.subKind,
          status: grid.status,
          parentCode: parent?.code ?? null,
          divisionCode: grid.division_code,
          divisionName: tree.get(grid.division_code)?.name ?? grid.division_code,
          townshipCode: grid.township_code,
          countyCode: grid.county_code,
          version: latest.version,
          owningUnit: latest.owningUnit,
          households: latest.households,
          population: latest.population,
          partyOrg: latest.partyOrg,
          boundary: latest.boundary,
          areaM2: latest.areaM2,
          validFrom: latest.validFrom,
          validTo: latest.validTo,
        },
        path: tree.path(grid.division_code),
        history,
        microGrids: micro.map((m) => presentGridSummary(m, tree)),
      };
    },

    lookup(actor: Actor, lng: number, lat: number, crs: 'wgs84' | 'cgcs2000' | 'gcj02'): LookupResult {
      requirePermission(actor, 'grid.read', '查询网格');
      // CGCS2000 and WGS-84 differ by centimetres: well below what a grid boundary resolves.
      const [x, y] = crs === 'gcj02' ? toWgs84(lng, lat, 'gcj02') : [lng, lat];
      return registry.lookup(x, y);
    },

    async filings(actor: Actor, status: 'pending' | 'acknowledged' | 'all') {
      requirePermission(actor, 'filing.read', '查看备案');
      const rows = await filingsRepo.list(db, status);
      const visible = actor.role === 'city_centre' ? rows : rows.filter((r) => actor.scopeCode && r.county_code.startsWith(actor.scopeCode.slice(0, 6)));
      return { items: visible.map((r) => presentFiling(r, tree)), pendingCount: actor.role === 'city_centre' ? await filingsRepo.pendingCount(db) : visible.filter((r) => !r.acknowledged_at).length };
    },

    async acknowledge(actor: Actor, id: string, note: string | undefined) {
      requirePermission(actor, 'filing.acknowledge', '确认备案');
      const filing = await filingsRepo.get(db, id);
      if (!filing) throw new AppError('not_found', `没有编号为 ${id} 的备案`);
      if (filing.acknowledged_at) throw new AppError('conflict', '该备案已确认');
      await db.transaction().execute(async (tx) => {
        const r = await filingsRepo.acknowledge(tx, id, actor.id, clock.now(), note ?? null);
        if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', '该备案已确认');
        await writeAudit(tx, clock, actor, { action: 'filing.acknowledge', entity: 'grid_filing', entityId: id, after: { note: note ?? null } });
      });
      return { filing: presentFiling((await filingsRepo.get(db, id))!, tree) };
    },
  };
}
export type GridService = ReturnType<typeof createGridService>;
