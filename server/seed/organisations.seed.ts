import { DEPARTMENT_SECTORS, orgCode, PEOPLE_ORG_SECTORS, type Place } from '../../common/domain/organisations';
import type { Database } from '../db/client';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { organisationsRepo } from '../modules/organisations/organisations.repo';
import { divisionsRepo } from '../modules/territory/divisions.repo';

/** A community's committee name without 居委会/村委会, for the station's name (长海社区居委会 → 长海社区). */
export function placeName(name: string): string {
  return name.replace(/(社区)?(居民委员会|居委会)$/, (_m, s) => s ?? '').replace(/(村民委员会|村委会)$/, '') || name;
}

function place(d: { code: string; name: string; level: Place['level'] }): Place {
  const short = d.name.replace(/(市|区|县)$/, '');
  return { code: d.code, name: d.name, short, level: d.level, district: d.level === 'county' && d.name.endsWith('区') };
}

/**
 * The organisations every county has by the regulation (Art. 4, 5): a grid centre for every
 * division from the city down to each community, the city's and each county's linked departments
 * and people's organisations, and the people's governments (which approve the service catalogue,
 * Art. 15). Names follow the usual naming of such bodies; duty phones are left for each centre to
 * fill in. Service units (utilities, property companies) are local companies and come with the
 * demo dataset or are entered by the county.
 */
export async function seedOrganisations(db: Database, clock: Clock): Promise<number> {
  if ((await organisationsRepo.count(db)) > 0) return 0;
  const divisions = await divisionsRepo.all(db);
  const now = clock.now();
  const rows: Parameters<typeof organisationsRepo.insertMany>[1] = [];
  const add = (divisionCode: string, key: string, name: string, kind: 'grid_centre' | 'department' | 'people_org' | 'government', sector: string | null) =>
    rows.push({ id: newId(now.getTime()), code: orgCode(divisionCode, key), name, kind, sector, division_code: divisionCode, source: 'reference', created_at: now });
  for (const d of divisions) {
    const p = place(d);
    if (d.level === 'village') add(d.code, 'wg', `${placeName(d.name)}网格化管理服务站`, 'grid_centre', null);
    else add(d.code, 'wg', `${d.name}网格化管理服务中心`, 'grid_centre', null);
    // Departments, people's organisations and governments exist at city and county level; the
    // management area is served by its host county's departments.
    if (d.level === 'city' || (d.level === 'county' && d.kind !== 'management_area')) {
      for (const s of DEPARTMENT_SECTORS) add(d.code, s.key, s.name(p), 'department', s.key);
      for (const s of PEOPLE_ORG_SECTORS) add(d.code, s.key, s.name(p), 'people_org', s.key);
      add(d.code, 'zf', `${d.name}人民政府`, 'government', null);
    }
  }
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 300) await organisationsRepo.insertMany(tx, rows.slice(i, i + 300));
  });
  return rows.length;
}
