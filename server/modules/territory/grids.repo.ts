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

/** The version in force at `at`, or the current one when `at` is undefined. */
function inForce(at: Date | undefined) {
  return (eb: ExpressionBuilder<DB & { v: DB['grid_versions'] }, 'v'>) =>
    at
      ? eb.and([eb('v.valid_from', '<=', at), eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', at)])])
      : eb('v.valid_to', 'is', null);
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

export const gridsRepo = {
  /** Grids with the version in force (now, or at a past moment), optionally with boundaries. */
  list(db: Database, f: GridFilter) {
    let q = db
      .selectFrom('grids')
      .innerJoin('grid_versions as v', 'v.grid_id', 'grids.id')
      .leftJoin('grids as p', 'p.id', 'grids.parent_id')
      .select(versionColumns)
      .select(['p.code as parent_code', f.withBoundary ? 'v.boundary' : sql<null>`null`.as('boundary')])
      .where(inForce(f.at));
    if (f.divisionCodes) q = q.where('grids.division_code', 'in', f.divisionCodes.length ? f.divisionCodes : ['']);
    // At a past moment a grid "was active" when a version was in force; the status column is today's.
    if (!f.at && f.status && f.status !== 'all') q = q.where('grids.status', '=', f.status);
    if (f.level && f.level !== 'all') q = q.where('grids.level', '=', f.level);
    if (f.parentId) q = q.where('grids.parent_id', '=', f.parentId);
    if (f.bbox) {
      const [x0, y0, x1, y1] = f.bbox;
      q = q.where('v.max_lng', '>=', x0).where('v.min_lng', '<=', x1).where('v.max_lat', '>=', y0).where('v.min_lat', '<=', y1);
    }
    return q.orderBy('grids.code').limit(f.limit ?? 100_000).offset(f.offset ?? 0).execute();
  },

  count(db: Database, f: GridFilter) {
    let q = db.selectFrom('grids').innerJoin('grid_versions as v', 'v.grid_id', 'grids.id').select((eb) => eb.fn.countAll<number>().as('n')).where(inForce(f.at));
    if (f.divisionCodes) q = q.where('grids.division_code', 'in', f.divisionCodes.length ? f.divisionCodes : ['']);
    if (!f.at && f.status && f.status !== 'all') q = q.where('grids.status', '=', f.status);
    if (f.level && f.level !== 'all') q = q.where('grids.level', '=', f.level);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  },

  byId(db: Database, id: string) {
    return db.selectFrom('grids').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byCode(db: Database, code: string) {
    return db.selectFrom('grids').selectAll().where('code', '=', code).executeTakeFirst();
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
      .select(['c.kind as change_kind', 'c.reason', 'u.display_name as author'])
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
