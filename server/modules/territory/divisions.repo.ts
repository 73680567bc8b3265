import { sql } from 'kysely';
import type { Database } from '../../db/client';

export const divisionsRepo = {
  /** Every division without its boundary: the tree is small (≈1,130 nodes) and is cached whole. */
  all(db: Database) {
    return db
      .selectFrom('divisions')
      .select(['code', 'parent_code', 'name', 'level', 'kind', 'special', 'code_source', 'host_code', 'boundary_source', 'sort_key'])
      .select(sql<boolean>`boundary is not null`.as('has_boundary'))
      .orderBy('sort_key')
      .execute();
  },
  nameOf(db: Database, code: string) {
    return db.selectFrom('divisions').select('name').where('code', '=', code).executeTakeFirst().then((r) => r?.name ?? null);
  },
  hostOf(db: Database, code: string) {
    return db.selectFrom('divisions').select('host_code').where('code', '=', code).executeTakeFirst().then((r) => r?.host_code ?? null);
  },
  boundary(db: Database, code: string) {
    return db.selectFrom('divisions').select(['code', 'name', 'kind', 'boundary', 'boundary_source']).where('code', '=', code).executeTakeFirst();
  },
  boundaries(db: Database, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('divisions')
      .select(['code', 'name', 'kind', 'level', 'boundary'])
      .where('code', 'in', codes)
      .where('boundary', 'is not', null)
      .execute();
  },
  withBoundaryAtLevels(db: Database, levels: ('county' | 'township' | 'village')[]) {
    return db
      .selectFrom('divisions')
      .select(['code', 'name', 'kind', 'level', 'boundary'])
      .where('level', 'in', levels)
      .where('boundary', 'is not', null)
      .execute();
  },
  setBoundary(db: Database, code: string, boundary: unknown, source: string) {
    return db.updateTable('divisions').set({ boundary: JSON.stringify(boundary), boundary_source: source }).where('code', '=', code).execute();
  },
  /** Active grids per division code (the caller sums them up the tree). */
  activeGridCounts(db: Database) {
    return db
      .selectFrom('grids')
      .select(['division_code'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .where('level', '=', 'grid')
      .groupBy('division_code')
      .execute();
  },
};
