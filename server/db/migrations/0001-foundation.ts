import { sql, type Kysely } from 'kysely';

/** Territory, grids with versions, grid changes and filings, accounts, sessions, audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table divisions (
  code text primary key check (code ~ '^[0-9]{12}$'),
  parent_code text references divisions(code),
  name text not null,
  level text not null check (level in ('city','county','township','village')),
  kind text not null check (kind in ('city','county','management_area','street','town','township',
    'township_like','community','village','community_like','village_like')),
  special text check (special in ('farm','forest_farm','forestry_bureau','mine','prison','breeding_farm','other')),
  code_source text not null default 'nbs' check (code_source in ('nbs','local')),
  host_code text references divisions(code),
  boundary jsonb,
  boundary_source text,
  sort_key integer not null default 0
);
create index divisions_parent_idx on divisions(parent_code);
create index divisions_name_idx on divisions(name text_pattern_ops);

create table users (
  id text primary key,
  username text not null unique check (username ~ '^[A-Za-z0-9_.-]{2,64}$'),
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('city_centre','county_centre','street_centre','community_station',
    'grid_head','grid_worker','department','sys_admin','security_admin','auditor')),
  scope_code text references divisions(code),
  department text,
  status text not null default 'active' check (status in ('active','disabled')),
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null,
  check (scope_code is not null or department is not null or role in ('sys_admin','security_admin','auditor'))
);

create table sessions (
  token_hash text primary key,
  user_id text not null references users(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null
);
create index sessions_user_idx on sessions(user_id);

create table grid_changes (
  id text primary key,
  kind text not null check (kind in ('create','split','merge','redraw','retire')),
  status text not null check (status in ('proposed','applied','withdrawn')),
  county_code text not null references divisions(code),
  division_code text references divisions(code),
  reason text not null,
  summary text not null,
  payload jsonb not null,
  warnings jsonb not null default '[]',
  result_codes jsonb not null default '[]',
  proposed_by text not null references users(id),
  proposed_at timestamptz not null,
  applied_by text references users(id),
  applied_at timestamptz,
  withdrawn_at timestamptz
);
create index grid_changes_status_idx on grid_changes(status, county_code);

create table grids (
  id text primary key,
  code text not null unique,
  level text not null check (level in ('grid','micro')),
  parent_id text references grids(id),
  division_code text not null references divisions(code),
  township_code text references divisions(code),
  county_code text not null references divisions(code),
  kind text not null check (kind in ('urban','rural','exclusive')),
  status text not null check (status in ('active','retired')),
  created_at timestamptz not null,
  retired_at timestamptz,
  check ((level = 'micro') = (parent_id is not null))
);
create index grids_division_idx on grids(division_code);
create index grids_county_idx on grids(county_code, status);
create index grids_parent_idx on grids(parent_id);

create table grid_versions (
  id text primary key,
  grid_id text not null references grids(id),
  version integer not null check (version >= 1),
  name text not null,
  sub_kind text not null check (sub_kind in ('resident_group','residential_compound','courtyard','villager_group',
    'natural_village','admin_centre','office_building','market','school','hospital','park','enterprise')),
  owning_unit text,
  households integer,
  population integer,
  party_org_type text check (party_org_type in ('branch','group','joint_branch')),
  party_org_name text,
  boundary jsonb not null,
  min_lng double precision not null,
  min_lat double precision not null,
  max_lng double precision not null,
  max_lat double precision not null,
  area_m2 double precision not null,
  valid_from timestamptz not null,
  valid_to timestamptz,
  change_id text references grid_changes(id),
  unique (grid_id, version),
  check (valid_to is null or valid_to >= valid_from)
);
create unique index grid_versions_current_idx on grid_versions(grid_id) where valid_to is null;
create index grid_versions_time_idx on grid_versions(valid_from, valid_to);

create table grid_filings (
  id text primary key,
  change_id text not null unique references grid_changes(id),
  county_code text not null references divisions(code),
  filed_at timestamptz not null,
  filed_by text not null references users(id),
  acknowledged_at timestamptz,
  acknowledged_by text references users(id),
  note text
);
create index grid_filings_pending_idx on grid_filings(filed_at) where acknowledged_at is null;

create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_id text,
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  prev_hash text not null,
  hash text not null
);
create index audit_entity_idx on audit_log(entity, entity_id);

-- The audit log and grid history are append-only: rows are never rewritten or removed.
create function forbid_change() returns trigger language plpgsql as $$
begin
  raise exception '% on % is not allowed (append-only)', tg_op, tg_table_name;
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function forbid_change();
create trigger grids_no_delete before delete on grids
  for each row execute function forbid_change();
create trigger grid_versions_no_delete before delete on grid_versions
  for each row execute function forbid_change();
`.execute(db);
}
