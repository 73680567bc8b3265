import { sql, type Kysely } from 'kysely';

/**
 * State that must hold across several app processes on one PostgreSQL database lives here, not in
 * any process's memory: version counters of the in-memory caches, rate-limit windows, and the
 * login throttle (per account and address, replacing the per-account counter on users).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table state_versions (
  topic text primary key,
  version bigint not null default 0
);
insert into state_versions (topic) values ('grids'), ('divisions'), ('sessions');

create table rate_limits (
  bucket text primary key,
  window_start timestamptz not null,
  hits integer not null
);
create index rate_limits_window_idx on rate_limits(window_start);

create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  window_start timestamptz not null,
  locked_until timestamptz,
  locks integer not null default 0,
  last_lock_at timestamptz
);
create index login_throttle_window_idx on login_throttle(window_start);

create table login_addresses (
  user_id text not null references users(id),
  ip text not null,
  last_success_at timestamptz not null,
  primary key (user_id, ip)
);

alter table users drop column failed_logins;
alter table users drop column locked_until;
`.execute(db);
}
