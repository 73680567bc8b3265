import { labelPointOf } from '../../common/geo/measure';
import type { AreaGeometry } from '../../common/geo/types';
import type { TestApp } from './test-app';

/** A grid the demo worker `changhai-wgy` serves, with a point inside it (WGS-84). */
export async function workerGrid(t: TestApp, username = 'changhai-wgy') {
  const row = await t.db
    .selectFrom('staff_assignments as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .innerJoin('grid_versions as v', (j) => j.onRef('v.grid_id', '=', 'g.id').on('v.valid_to', 'is', null))
    .select(['g.code', 'v.boundary', 'a.role'])
    .where('u.username', '=', username)
    .where('a.valid_to', 'is', null)
    .orderBy('a.role')
    .orderBy('g.code')
    .executeTakeFirstOrThrow();
  const [lng, lat] = labelPointOf(row.boundary as unknown as AreaGeometry);
  return { gridCode: row.code, lng, lat };
}
