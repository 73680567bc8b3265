import { AppError } from '../../../common/app-error';
import type { DivisionNode } from '../../../common/schemas/territory';
import type { Database } from '../../db/client';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/access.policy';
import type { DivisionTree } from './division-tree';
import { divisionsRepo } from './divisions.repo';

export interface TerritoryDeps {
  db: Database;
  tree: DivisionTree;
}

export function createTerritoryService({ db, tree }: TerritoryDeps) {
  function mustGet(code: string) {
    const d = tree.get(code);
    if (!d) throw new AppError('not_found', `没有区划代码为 ${code} 的单位`);
    return d;
  }

  async function gridCountsBySubtree(): Promise<(code: string) => number> {
    const counts = new Map<string, number>();
    for (const r of await divisionsRepo.activeGridCounts(db)) {
      for (const p of tree.path(r.division_code)) counts.set(p.code, (counts.get(p.code) ?? 0) + Number(r.n));
    }
    return (code) => counts.get(code) ?? 0;
  }

  return {
    async node(actor: Actor, code: string): Promise<DivisionNode> {
      requirePermission(actor, 'grid.read', '查看区划');
      const division = mustGet(code);
      const count = await gridCountsBySubtree();
      return {
        division,
        path: tree.path(code),
        children: tree.childrenOf(code).map((c) => ({ ...c, activeGrids: count(c.code) })),
        activeGrids: count(code),
      };
    },

    search(actor: Actor, q: string, limit: number) {
      requirePermission(actor, 'grid.read', '查看区划');
      const isCode = /^\d+$/.test(q);
      const hits = tree
        .all()
        .filter((d) => (isCode ? d.code.startsWith(q) : d.name.includes(q)))
        // Exact and shorter names first: "花园" should find 花园街道 before 花园村第二村民小组.
        .sort((a, b) => Number(b.name === q) - Number(a.name === q) || a.name.length - b.name.length || a.code.localeCompare(b.code))
        .slice(0, limit);
      return { items: hits.map((d) => ({ ...d, pathName: tree.path(d.code).map((p) => p.name).join(' / ') })) };
    },

    async boundary(actor: Actor, code: string) {
      requirePermission(actor, 'grid.read', '查看区划');
      mustGet(code);
      const row = await divisionsRepo.boundary(db, code);
      return {
        type: 'Feature' as const,
        properties: { code, name: row?.name, kind: row?.kind, source: row?.boundary_source ?? null },
        geometry: row?.boundary ?? null,
      };
    },

    /** County outlines and the management area for the city map. */
    async countiesMap(actor: Actor) {
      requirePermission(actor, 'grid.read', '查看地图');
      const codes = tree.childrenOf('231100000000').map((d) => d.code);
      const rows = await divisionsRepo.boundaries(db, codes);
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({ type: 'Feature' as const, properties: { code: r.code, name: r.name, kind: r.kind }, geometry: r.boundary })),
      };
    },
  };
}
export type TerritoryService = ReturnType<typeof createTerritoryService>;
