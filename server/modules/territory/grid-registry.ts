import { AreaIndex } from '../../../common/geo/area-index';
import type { AreaGeometry } from '../../../common/geo/types';
import type { GridKind, LookupResult } from '../../../common/schemas/grids';
import type { DivisionRef } from '../../../common/schemas/territory';
import type { Database } from '../../db/client';
import type { DivisionTree } from './division-tree';
import { divisionsRepo } from './divisions.repo';
import { gridsRepo } from './grids.repo';

export interface IndexedGrid {
  id: string;
  code: string;
  name: string;
  kind: GridKind;
  divisionCode: string;
}

/**
 * The one grid registry in memory (Art. 9): point → grid, micro-grid, community, township and county.
 * Rebuilt from the database after every applied grid change and after seeding.
 */
export class GridRegistry {
  private grids = new AreaIndex<IndexedGrid>([]);
  private micro = new AreaIndex<IndexedGrid>([]);
  private divisions = new AreaIndex<string>([]);

  constructor(
    private readonly db: Database,
    private readonly tree: DivisionTree,
  ) {}

  get size(): number {
    return this.grids.size;
  }

  async rebuild(): Promise<void> {
    const rows = await gridsRepo.list(this.db, { status: 'active', level: 'all', withBoundary: true });
    const toItem = (r: (typeof rows)[number]) => ({
      geometry: r.boundary as AreaGeometry,
      data: { id: r.id, code: r.code, name: r.name, kind: r.kind, divisionCode: r.division_code },
    });
    this.grids = new AreaIndex(rows.filter((r) => r.level === 'grid').map(toItem));
    this.micro = new AreaIndex(rows.filter((r) => r.level === 'micro').map(toItem));
    // Drawn divisions: counties always; townships and communities where a boundary is known.
    const drawn = await divisionsRepo.withBoundaryAtLevels(this.db, ['county', 'township', 'village']);
    this.divisions = new AreaIndex(drawn.map((d) => ({ geometry: d.boundary as AreaGeometry, data: d.code })));
  }

  /** The grid containing a WGS-84 point, if any (the hot path: no allocation beyond the index's). */
  gridAt(lng: number, lat: number): IndexedGrid | undefined {
    return this.grids.find(lng, lat);
  }

  /** The grid and micro-grid containing a WGS-84 point, as indexed (with their ids, for rows that refer to them). */
  gridsAt(lng: number, lat: number): { grid: IndexedGrid; micro: IndexedGrid | undefined } | undefined {
    const grid = this.grids.find(lng, lat);
    return grid ? { grid, micro: this.micro.find(lng, lat) } : undefined;
  }

  lookup(lng: number, lat: number): LookupResult {
    const grid = this.grids.find(lng, lat);
    const micro = grid ? this.micro.find(lng, lat) : undefined;
    const ref = (code: string | undefined): DivisionRef | null => {
      const d = code ? this.tree.get(code) : undefined;
      return d ? { code: d.code, name: d.name } : null;
    };
    let community: DivisionRef | null = null;
    let township: DivisionRef | null = null;
    let county: DivisionRef | null = null;
    if (grid) {
      const d = this.tree.get(grid.divisionCode);
      community = d && d.level === 'village' ? ref(d.code) : null;
      township = ref(this.tree.townshipOf(grid.divisionCode)?.code);
      county = ref(this.tree.countyOf(grid.divisionCode)?.code);
    } else {
      for (const code of this.divisions.findAll(lng, lat)) {
        const d = this.tree.get(code);
        if (!d) continue;
        if (d.level === 'village') community ??= ref(code);
        else if (d.level === 'township') township ??= ref(code);
        // A management area lies within its host county's outline and takes precedence over it.
        else if (d.level === 'county' && (!county || d.kind === 'management_area')) county = ref(code);
      }
    }
    // A management area (五大连池风景名胜区) is not an administrative county: departments of the county
    // whose territory it lies in (五大连池市) need that county too.
    const adminCounty = county && this.tree.get(county.code)?.kind === 'management_area' ? this.administrativeCountyAt(lng, lat) : county;
    const within = adminCounty && adminCounty.code !== county?.code ? `（行政区域属${adminCounty.name}）` : '';
    const point = { lng, lat };
    if (grid) {
      return {
        point,
        found: true,
        message: `该位置属于${county?.name ?? ''}${township?.name ?? ''}${community?.name ?? ''}「${grid.name}」${within}`,
        grid: { code: grid.code, name: grid.name, kind: grid.kind },
        microGrid: micro ? { code: micro.code, name: micro.name } : null,
        community,
        township,
        county,
        adminCounty,
      };
    }
    const where = [county?.name, township?.name, community?.name].filter(Boolean).join('');
    return {
      point,
      found: false,
      message: where ? `该位置在${where}范围内${within}，但不属于任何网格` : '该位置不在黑河市范围内，不属于任何网格',
      grid: null,
      microGrid: null,
      community,
      township,
      county,
      adminCounty,
    };
  }

  /** The administrative county (not a management area) whose outline holds the point. */
  private administrativeCountyAt(lng: number, lat: number): DivisionRef | null {
    for (const code of this.divisions.findAll(lng, lat)) {
      const d = this.tree.get(code);
      if (d && d.level === 'county' && d.kind !== 'management_area') return { code: d.code, name: d.name };
    }
    return null;
  }
}
