import type { Database } from '../../db/client';

export const gridRetirementRepo = {
  /** Assignments not yet ended on these grids, with the person's name. */
  openOnGrids(db: Database, gridIds: string[]) {
    if (gridIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('staff_assignments as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .innerJoin('grids as g', 'g.id', 'a.grid_id')
      .select(['a.id', 'a.staff_id', 'a.role', 'a.valid_from', 's.name', 'g.code as grid_code'])
      .where('a.grid_id', 'in', gridIds)
      .where('a.valid_to', 'is', null)
      .orderBy('a.staff_id')
      .execute();
  },
};
