import { sql, type Kysely } from 'kysely';

/**
 * The working calendar on which matter deadlines are counted (Art. 21): each county's own days
 * (a holiday or a workday, over the national data of chinese-days), the years it has declared fully
 * entered (for years the national data lacks), and its daily working schedule. The in-memory
 * calendars follow these tables through the change feed (topic 'calendar').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table calendar_days (
  county_code text not null references divisions(code),
  day date not null check (day between date '2000-01-01' and date '2100-12-31'),
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null check (length(name) between 1 and 30),
  entered_by text not null references users(id),
  entered_at timestamptz not null,
  primary key (county_code, day)
);

create table calendar_years (
  county_code text not null references divisions(code),
  year integer not null check (year between 2000 and 2100),
  entered_by text not null references users(id),
  entered_at timestamptz not null,
  primary key (county_code, year)
);

create table calendar_schedules (
  county_code text primary key references divisions(code),
  periods jsonb not null,
  updated_by text not null references users(id),
  updated_at timestamptz not null
);

insert into state_versions (topic) values ('calendar') on conflict (topic) do nothing;
`.execute(db);
}
