import type { Insertable } from 'kysely';
import type { Database } from '../../db/client';
import type { DB, OrganisationRow } from '../../db/tables';

export const organisationsRepo = {
  byCode(db: Database, code: string): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
  },
  byCodes(db: Database, codes: string[]): Promise<OrganisationRow[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('organisations').selectAll().where('code', 'in', codes).execute();
  },
  byId(db: Database, id: string): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byIds(db: Database, ids: string[]): Promise<OrganisationRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
  },
  /** Organisations whose division lies under `prefix` (all when empty), by kind and sector. */
  list(db: Database, f: { prefix?: string; kinds?: OrganisationRow['kind'][]; sector?: string; q?: string; limit?: number }) {
    let q = db.selectFrom('organisations').selectAll().where('status', '=', 'active');
    if (f.prefix) q = q.where('division_code', 'like', `${f.prefix}%`);
    if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
    if (f.sector) q = q.where('sector', '=', f.sector);
    if (f.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${f.q}%`), eb('code', 'like', `${f.q}%`)]));
    return q.orderBy('division_code').orderBy('code').limit(f.limit ?? 2000).execute();
  },
  count(db: Database) {
    return db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
  },
  insertMany(db: Database, rows: Insertable<DB['organisations']>[]) {
    return db.insertInto('organisations').values(rows).onConflict((oc) => oc.column('code').doNothing()).execute();
  },
  /** The grid centre of a division (city, county, street or community). */
  centreOf(db: Database, divisionCode: string) {
    return db.selectFrom('organisations').selectAll().where('division_code', '=', divisionCode).where('kind', '=', 'grid_centre').executeTakeFirst();
  },
  updatePhones(db: Database, id: string, set: { duty_phone?: string | null; complaint_phone?: string | null }) {
    return db.updateTable('organisations').set(set).where('id', '=', id).execute();
  },
};
