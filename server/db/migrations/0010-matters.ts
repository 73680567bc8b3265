import { sql, type Kysely } from 'kysely';

/**
 * Matters, the closed loop (Art. 21): one row per matter holding its current state (a projection),
 * and the append-only events that are its history and the source of every later figure
 * (assessment, analytics). Deadlines are data: each step's deadline is on the matter, and the
 * warnings and escalations are jobs with deterministic keys, claimed with FOR UPDATE SKIP LOCKED.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table matter_counters (
  county_code text not null,
  day date not null,
  last integer not null,
  primary key (county_code, day)
);

create table matters (
  id text primary key,
  number text not null unique,
  tracking_code text not null unique,
  client_key text unique,
  source text not null check (source in ('worker','resident','department','hotline','open311')),
  county_code text not null references divisions(code),
  township_code text references divisions(code),
  division_code text not null references divisions(code),
  grid_id text references grids(id),
  micro_grid_id text references grids(id),
  lng double precision,
  lat double precision,
  address text,
  located_by text not null check (located_by in ('gps','map','address','none')),
  location_note text,
  catalogue_version_id text not null,
  type_code text not null,
  type_name text not null,
  art14_kind integer not null,
  priority text not null check (priority in ('normal','urgent','top')),
  description text not null,
  reporter_user_id text references users(id),
  reporter_staff_id text references staff(id),
  reporter_name text,
  reporter_phone text,
  reporter_anonymous boolean not null,
  first_receiver_staff_id text references staff(id),
  flow jsonb not null,
  state text not null check (state in ('pending','dispatched','handling','verifying','feedback','closed','parked','voided')),
  level text not null check (level in ('community','street','county','city')),
  handler_org_id text references organisations(id),
  step text check (step in ('dispatch','handling','verification','feedback')),
  step_started_at timestamptz,
  deadline_at timestamptz,
  warn_at timestamptz,
  deadline_provisional boolean not null default false,
  deadline_rev integer not null default 0,
  warned boolean not null default false,
  overdue boolean not null default false,
  merged_into text references matters(id),
  rating text check (rating in ('satisfied','basically','unsatisfied')),
  rated_at timestamptz,
  event_count integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz
);
create index matters_scope_idx on matters(division_code, state);
create index matters_county_idx on matters(county_code, state, created_at);
create index matters_handler_idx on matters(handler_org_id, state) where handler_org_id is not null;
create index matters_open_type_idx on matters(type_code, created_at) where state not in ('closed','voided');
create index matters_deadline_idx on matters(deadline_at) where deadline_at is not null;

create table matter_events (
  id text primary key,
  matter_id text not null references matters(id),
  seq integer not null,
  kind text not null,
  from_state text,
  to_state text not null,
  level text not null,
  actor_kind text not null check (actor_kind in ('centre','unit','worker','resident','system','reporter')),
  actor_user_id text references users(id),
  actor_name text not null,
  actor_org_id text references organisations(id),
  actor_division text references divisions(code),
  at timestamptz not null,
  reason text,
  data jsonb,
  -- The unit a matter was dispatched to by this event: a unit sees the matters ever sent to it.
  target_org_id text references organisations(id),
  step text,
  deadline_at timestamptz,
  unique (matter_id, seq)
);
create index matter_events_at_idx on matter_events(at);
create index matter_events_target_idx on matter_events(target_org_id) where target_org_id is not null;

create table matter_photos (
  id text primary key,
  matter_id text not null references matters(id),
  event_seq integer not null,
  key text not null,
  thumb_key text not null,
  width integer not null,
  height integer not null,
  bytes integer not null,
  sha256 text not null,
  uploaded_by text references users(id),
  at timestamptz not null
);
create index matter_photos_matter_idx on matter_photos(matter_id);

-- Photos are uploaded one by one (weak connections) before the report or the result that uses them.
create table photo_uploads (
  id text primary key,
  key text not null,
  thumb_key text not null,
  width integer not null,
  height integer not null,
  bytes integer not null,
  sha256 text not null,
  uploaded_by text references users(id),
  uploader_address text,
  used_by text references matters(id),
  at timestamptz not null
);

create table jobs (
  id text primary key,
  key text not null unique,
  kind text not null,
  due_at timestamptz not null,
  payload jsonb not null,
  status text not null check (status in ('pending','done','failed')),
  attempts integer not null default 0,
  claimed_at timestamptz,
  done_at timestamptz,
  last_error text
);
create index jobs_due_idx on jobs(due_at) where status = 'pending';

create table task_refusals (
  id text primary key,
  staff_id text not null references staff(id),
  township_code text not null references divisions(code),
  asked_by text not null,
  asker_org_id text references organisations(id),
  description text not null,
  reason text not null,
  recorded_by text not null references users(id),
  at timestamptz not null
);
create index task_refusals_scope_idx on task_refusals(township_code, at);

create trigger matter_events_append_only before update or delete on matter_events for each row execute function forbid_change();
create trigger matters_no_delete before delete on matters for each row execute function forbid_change();
create trigger matter_photos_no_delete before delete on matter_photos for each row execute function forbid_change();
create trigger task_refusals_append_only before update or delete on task_refusals for each row execute function forbid_change();
`.execute(db);
}
