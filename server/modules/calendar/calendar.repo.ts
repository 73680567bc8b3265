import type { Database } from '../../db/client';

/** The county calendars' tables: days, declared years, daily schedules (SQL only). */
export const calendarRepo = {
  allDays(db: Database) {
    return db.selectFrom('calendar_days').select(['county_code', 'day', 'kind', 'name']).orderBy('county_code').orderBy('day').execute();
  },
  allYears(db: Database) {
    return db.selectFrom('calendar_years').select(['county_code', 'year']).execute();
  },
  allSchedules(db: Database) {
    return db.selectFrom('calendar_schedules').select(['county_code', 'periods']).execute();
  },

  daysOfYear(db: Database, countyCode: string, year: number) {
    return db
      .selectFrom('calendar_days as d')
      .innerJoin('users as u', 'u.id', 'd.entered_by')
      .select(['d.day', 'd.kind', 'd.name', 'd.entered_at', 'u.display_name as entered_by_name'])
      .where('d.county_code', '=', countyCode)
      .where('d.day', '>=', `${year}-01-01`)
      .where('d.day', '<=', `${year}-12-31`)
      .orderBy('d.day')
      .execute();
  },
  existingDays(db: Database, countyCode: string, days: string[]) {
    if (days.length === 0) return Promise.resolve([]);
    return db.selectFrom('calendar_days').select(['day', 'kind', 'name']).where('county_code', '=', countyCode).where('day', 'in', days).execute();
  },
  insertDays(db: Database, rows: { county_code: string; day: string; kind: 'holiday' | 'workday'; name: string; entered_by: string; entered_at: Date }[]) {
    return db.insertInto('calendar_days').values(rows).execute();
  },
  deleteDay(db: Database, countyCode: string, day: string) {
    return db.deleteFrom('calendar_days').where('county_code', '=', countyCode).where('day', '=', day).returning(['day', 'kind', 'name']).executeTakeFirst();
  },

  year(db: Database, countyCode: string, year: number) {
    return db
      .selectFrom('calendar_years as y')
      .innerJoin('users as u', 'u.id', 'y.entered_by')
      .select(['y.year', 'y.entered_at', 'u.display_name as entered_by_name'])
      .where('y.county_code', '=', countyCode)
      .where('y.year', '=', year)
      .executeTakeFirst();
  },
  /** Inserts the declaration unless it exists; true when it was new. */
  async declareYear(db: Database, row: { county_code: string; year: number; entered_by: string; entered_at: Date }) {
    const r = await db.insertInto('calendar_years').values(row).onConflict((oc) => oc.columns(['county_code', 'year']).doNothing()).returning('year').executeTakeFirst();
    return r !== undefined;
  },
  withdrawYear(db: Database, countyCode: string, year: number) {
    return db.deleteFrom('calendar_years').where('county_code', '=', countyCode).where('year', '=', year).returning('year').executeTakeFirst();
  },

  saveSchedule(db: Database, row: { county_code: string; periods: { start: string; end: string }[]; updated_by: string; updated_at: Date }) {
    const periods = JSON.stringify(row.periods);
    return db
      .insertInto('calendar_schedules')
      .values({ ...row, periods })
      .onConflict((oc) => oc.column('county_code').doUpdateSet({ periods, updated_by: row.updated_by, updated_at: row.updated_at }))
      .execute();
  },
};
