import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { BBox } from '../../../common/geo/types';
import type { Database } from '../../db/client';
import type { DB, NewGridVersion } from '../../db/tables';

const versionColumns = [
  'grids.id',
  'grids.code',
  'grids.level',
  'grids.parent_id',
  'grids.division_code',
  'grids.township_code',
  'grids.county_code',
  'grids.kind',
  'grids.status',
  'grids.retired_at',
  'v.version',
  'v.name',
  'v.sub_kind',
  'v.owning_unit',
  'v.households',
  'v.population',
  'v.party_org_type',
  'v.party_org_name',
  'v.area_m2',
  'v.valid_from',
  'v.valid_to',
  'v.change_id',
] as const;

type VersionEb = ExpressionBuilder<DB & { v: DB['grid_versions'] }, 'grids' | 'v'>;

/** A grid's last version: the current one of an active grid, the one it was retired with otherwise. */
const latest = (eb: VersionEb) =>
  eb.not(eb.exists(eb.selectFrom('grid_versions as later').select('later.id').whereRef('later.grid_id', '=', 'v.grid_id').whereRef('later.version', '>', 'v.version')));

/**
 * Which version of which grids a listing shows. Now: active grids with their current version,
 * retired grids with their last one. At a past moment `at`: a grid "was active" when a version was
 * in force then (that version is shown); it "was retired" when it had been retired by then.
 */
function inListing(at: Date | undefined, status: 'active' | 'retired' | 'all') {
  return (eb: VersionEb) => {
    const active = at
      ? eb.and([eb('v.valid_from', '<=', at), eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', at)])])
      : eb.and([eb('grids.status', '=', 'active'), eb('v.valid_to', 'is', null)]);
    const retired = at ? eb.and([eb('grids.retired_at', '<=', at), latest(eb)]) : eb.and([eb('grids.status', '=', 'retired'), latest(eb)]);
    if (status === 'active') return active;
    if (status === 'retired') return retired;
    return eb.or([active, retired]);
  };
}

export interface GridFilter {
  divisionCodes?: string[];
  status?: 'active' | 'retired' | 'all';
  level?: 'grid' | 'micro' | 'all';
  at?: Date;
  bbox?: BBox;
  parentId?: string;
  withBoundary?: boolean;
  limit?: number;
  offset?: number;
}

/** The filter of a listing as one condition, shared by the rows and their count. */
function matching(f: GridFilter) {
  return (eb: VersionEb) => {
    const parts = [inListing(f.at, f.status ?? 'active')(eb)];
    if (f.divisionCodes) parts.push(eb('grids.division_code', 'in', f.divisionCodes.length ? f.divisionCodes : ['']));
    if (f.level && f.level !== 'all') parts.push(eb('grids.level', '=', f.level));
    if (f.parentId) parts.push(eb('grids.parent_id', '=', f.parentId));
    if (f.bbox) {
      const [x0, y0, x1, y1] = f.bbox;
      parts.push(eb('v.max_lng', '>=', x0), eb('v.min_lng', '<=', x1), eb('v.max_lat', '>=', y0), eb('v.min_lat', '<=', y1));
    }
    return eb.and(parts);
  };
}

export const gridsRepo = {
  /** Grids with the version the listing shows (now, or at a past moment), optionally with boundaries. */
  list(db: Database, f: GridFilter) {
    return db
      .selectFrom('grids')
      .innerJoin('grid_versions as v', 'v.grid_id', 'grids.id')
      .leftJoin('grids as p', 'p.id', 'grids.parent_id')
      .select(versionColumns)
      .select(['p.code as parent_code', f.withBoundary ? 'v.boundary' : sql<null>`null`.as('boundary')])
      .where(matching(f))
      .orderBy('grids.code')
      .limit(f.limit ?? 100_000)
      .offset(f.offset ?? 0)
      .execute();
  },

  count(db: Database, f: GridFilter) {
    return db
      .selectFrom('grids')
      .innerJoin('grid_versions as v', 'v.grid_id', 'grids.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(matching(f))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  byId(db: Database, id: string) {
    return db.selectFrom('grids').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byCode(db: Database, code: string) {
    return db.selectFrom('grids').selectAll().where('code', '=', code).executeTakeFirst();
  },
  byCodes(db: Database, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('grids').selectAll().where('code', 'in', codes).execute();
  },

  current(db: Database, gridId: string) {
    return db.selectFrom('grid_versions').selectAll().where('grid_id', '=', gridId).where('valid_to', 'is', null).executeTakeFirst();
  },

  history(db: Database, gridId: string) {
    return db
      .selectFrom('grid_versions as v')
      .leftJoin('grid_changes as c', 'c.id', 'v.change_id')
      .leftJoin('users as u', 'u.id', 'c.proposed_by')
      .selectAll('v')
      .select(['c.kind as change_kind', 'c.reason', 'c.county_code as change_county', 'c.division_code as change_division', 'u.display_name as author'])
      .where('v.grid_id', '=', gridId)
      .orderBy('v.version', 'desc')
      .execute();
  },

  children(db: Database, gridId: string) {
    return db.selectFrom('grids').select(['id', 'code', 'status']).where('parent_id', '=', gridId).execute();
  },

  /** Active grids (or micro-grids) whose current boundary's bbox meets `bbox`: overlap candidates. */
  activeInBBox(db: Database, bbox: BBox, level: 'grid' | 'micro') {
    const [x0, y0, x1, y1] = bbox;
    return db
      .selectFrom('grids')
      .innerJoin('grid_versions as v', 'v.grid_id', 'grids.id')
      .select(['grids.id', 'grids.code', 'grids.parent_id', 'grids.division_code', 'v.name', 'v.boundary'])
      .where('grids.status', '=', 'active')
      .where('grids.level', '=', level)
      .where('v.valid_to', 'is', null)
      .where('v.max_lng', '>=', x0)
      .where('v.min_lng', '<=', x1)
      .where('v.max_lat', '>=', y0)
      .where('v.min_lat', '<=', y1)
      .execute();
  },

  activeBoundariesIn(db: Database, divisionCode: string) {
    return db
      .selectFrom('grids')
      .innerJoin('grid_versions as v', 'v.grid_id', 'grids.id')
      .select(['grids.id', 'v.boundary'])
      .where('grids.division_code', '=', divisionCode)
      .where('grids.level', '=', 'grid')
      .where('grids.status', '=', 'active')
      .where('v.valid_to', 'is', null)
      .execute();
  },

  /** Every code ever issued under a prefix (retired ones included), so none is reused. */
  issuedCodes(db: Database, prefix: string, length: number) {
    return db
      .selectFrom('grids')
      .select('code')
      .where('code', 'like', `${prefix}%`)
      .where(sql<boolean>`length(code) = ${length}`)
      .execute()
      .then((rows) => rows.map((r) => r.code));
  },

  insertGrid(db: Database, row: Insertable<DB['grids']>) {
    return db.insertInto('grids').values(row).execute();
  },
  insertVersion(db: Database, row: NewGridVersion) {
    return db.insertInto('grid_versions').values(row).execute();
  },
  closeVersion(db: Database, gridId: string, at: Date) {
    return db.updateTable('grid_versions').set({ valid_to: at }).where('grid_id', '=', gridId).where('valid_to', 'is', null).execute();
  },
  retire(db: Database, gridId: string, at: Date) {
    return db.updateTable('grids').set({ status: 'retired', retired_at: at }).where('id', '=', gridId).execute();
  },
};
export type GridListRow = Awaited<ReturnType<typeof gridsRepo.list>>[number];
