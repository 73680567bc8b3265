import { DEFAULT_STAFFING, type StaffingSettings } from '../../../common/domain/staff';
import type { Database } from '../../db/client';
import { staffRepo } from './staff.repo';

type Row = NonNullable<Awaited<ReturnType<typeof staffRepo.settings>>>;

export function settingsFromRow(r: Row | undefined): StaffingSettings {
  if (!r) return { ...DEFAULT_STAFFING };
  return {
    maxGridsHead: r.max_grids_head,
    maxGridsFulltime: r.max_grids_fulltime,
    maxGridsParttime: r.max_grids_parttime,
    maxGridsProfessional: r.max_grids_professional,
    fulltimeQuota: r.fulltime_quota,
  };
}

/** A county's staffing rules (Art. 13), the defaults where it has set none. */
export async function settingsOf(db: Database, countyCode: string): Promise<StaffingSettings> {
  return settingsFromRow(await staffRepo.settings(db, countyCode));
}
