import { sql, type Kysely } from 'kysely';

/**
 * The people who serve the grids (Art. 11–13, 20, 22, 27–29): organisations, staff with their
 * appointments and exits as dated history, training and certificates, work IDs, assessments and
 * the record-keeping of Art. 28. Assignments are never edited in place: a decision closes the
 * current one (valid_to) and opens the next, so "who served grid X on date D" is a query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table organisations (
  id text primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('grid_centre','department','service_unit','people_org','government')),
  sector text,
  division_code text not null references divisions(code),
  duty_phone text,
  complaint_phone text,
  source text not null default 'reference' check (source in ('reference','demo','user')),
  status text not null default 'active' check (status in ('active','dissolved')),
  created_at timestamptz not null
);
create index organisations_division_idx on organisations(division_code, kind);

alter table users add column org_id text references organisations(id);

create table staffing_settings (
  county_code text primary key references divisions(code),
  max_grids_head integer not null check (max_grids_head between 1 and 100),
  max_grids_fulltime integer not null check (max_grids_fulltime between 1 and 100),
  max_grids_parttime integer not null check (max_grids_parttime between 1 and 100),
  max_grids_professional integer not null check (max_grids_professional between 1 and 1000),
  fulltime_quota integer check (fulltime_quota >= 0),
  updated_by text not null references users(id),
  updated_at timestamptz not null
);

create table staff (
  id text primary key,
  name text not null,
  gender text not null check (gender in ('male','female')),
  id_number text not null unique,
  birth_date date not null,
  phone text not null,
  home_address text,
  employer text,
  employer_org_id text references organisations(id),
  user_id text unique references users(id),
  township_code text not null references divisions(code),
  county_code text not null references divisions(code),
  contract_start date,
  contract_end date,
  social_insurance_since date,
  accident_insurance_since date,
  accident_insurance_until date,
  status text not null default 'active' check (status in ('active','exited')),
  created_at timestamptz not null,
  check (contract_end is null or contract_start is null or contract_end >= contract_start)
);
create index staff_scope_idx on staff(township_code);
create index staff_name_idx on staff(name);

create table staff_decisions (
  id text primary key,
  staff_id text not null references staff(id),
  kind text not null check (kind in ('appoint','adjust','exit')),
  effective_on date not null,
  reason text not null,
  deciding_body text not null,
  summary text not null,
  recorded_by text not null references users(id),
  recorded_at timestamptz not null
);
create index staff_decisions_staff_idx on staff_decisions(staff_id, effective_on);

create table staff_assignments (
  id text primary key,
  staff_id text not null references staff(id),
  grid_id text not null references grids(id),
  role text not null check (role in ('grid_head','fulltime','parttime','professional','exclusive','building_head','unit_head')),
  background text,
  source_org_id text references organisations(id),
  division_code text not null references divisions(code),
  county_code text not null references divisions(code),
  valid_from date not null,
  valid_to date,
  opened_by text not null references staff_decisions(id),
  closed_by text references staff_decisions(id),
  check (valid_to is null or valid_to >= valid_from)
);
create index staff_assignments_grid_idx on staff_assignments(grid_id, valid_from);
create index staff_assignments_staff_idx on staff_assignments(staff_id, valid_from);
create index staff_assignments_division_idx on staff_assignments(division_code) where valid_to is null;
create unique index staff_assignments_current_uq on staff_assignments(staff_id, grid_id, role) where valid_to is null;

create table staff_leave (
  id text primary key,
  staff_id text not null references staff(id),
  kind text not null check (kind in ('annual_paid','other_paid')),
  starts_on date not null,
  ends_on date not null,
  days numeric(5,1) not null check (days > 0),
  note text,
  recorded_by text not null references users(id),
  recorded_at timestamptz not null,
  check (ends_on >= starts_on)
);
create index staff_leave_staff_idx on staff_leave(staff_id, starts_on);

create table training_courses (
  id text primary key,
  name text not null,
  kind text not null check (kind in ('pre_job','in_service')),
  township_code text not null references divisions(code),
  county_code text not null references divisions(code),
  starts_on date not null,
  ends_on date not null,
  hours numeric(6,1) not null check (hours > 0),
  location text,
  created_by text not null references users(id),
  created_at timestamptz not null,
  check (ends_on >= starts_on)
);
create index training_courses_scope_idx on training_courses(township_code, starts_on);

create table training_attendance (
  course_id text not null references training_courses(id),
  staff_id text not null references staff(id),
  attended boolean not null,
  passed boolean not null,
  score numeric(5,1),
  recorded_by text not null references users(id),
  recorded_at timestamptz not null,
  primary key (course_id, staff_id),
  check (attended or not passed)
);

create table certificates (
  id text primary key,
  staff_id text not null references staff(id),
  number text not null unique,
  course_id text references training_courses(id),
  issued_on date not null,
  expires_on date not null,
  status text not null check (status in ('valid','suspended','revoked')),
  status_reason text,
  status_at timestamptz not null,
  issued_by text not null references users(id)
);
create index certificates_staff_idx on certificates(staff_id);

create table certificate_events (
  id text primary key,
  certificate_id text not null references certificates(id),
  kind text not null check (kind in ('issued','suspended','reinstated','revoked')),
  reason text,
  at timestamptz not null,
  by_user text not null references users(id)
);

create table work_ids (
  id text primary key,
  staff_id text not null references staff(id),
  ref text not null unique,
  issued_on date not null,
  expires_on date not null,
  revoked_at timestamptz,
  revoked_reason text,
  issued_by text not null references users(id),
  created_at timestamptz not null
);
create index work_ids_staff_idx on work_ids(staff_id);

create table assessments (
  id text primary key,
  staff_id text not null references staff(id),
  kind text not null check (kind in ('daily','annual')),
  period text not null,
  score numeric(5,1) not null check (score between 0 and 100),
  grade text not null check (grade in ('excellent','qualified','basically_qualified','unqualified')),
  remarks text,
  assessor_id text not null references users(id),
  assessor_division text not null references divisions(code),
  assessed_on date not null,
  figures jsonb,
  created_at timestamptz not null,
  unique (staff_id, kind, period)
);
create index assessments_staff_idx on assessments(staff_id, assessed_on);

create table import_jobs (
  id text primary key,
  kind text not null check (kind in ('staff')),
  status text not null check (status in ('checking','checked','importing','done','failed')),
  file_name text not null,
  rows integer not null default 0,
  processed integer not null default 0,
  errors integer not null default 0,
  report jsonb,
  scope_code text not null,
  created_by text not null references users(id),
  created_at timestamptz not null,
  finished_at timestamptz
);

-- History is kept, never removed.
create trigger staff_no_delete before delete on staff for each row execute function forbid_change();
create trigger staff_decisions_append_only before update or delete on staff_decisions for each row execute function forbid_change();
create trigger staff_assignments_no_delete before delete on staff_assignments for each row execute function forbid_change();
create trigger certificate_events_append_only before update or delete on certificate_events for each row execute function forbid_change();
create trigger certificates_no_delete before delete on certificates for each row execute function forbid_change();

-- An assignment is closed once and otherwise never changes.
create function assignment_close_only() returns trigger language plpgsql as $$
begin
  if old.valid_to is not null or new.valid_to is null
     or (new.id, new.staff_id, new.grid_id, new.role, new.valid_from, new.opened_by)
        is distinct from (old.id, old.staff_id, old.grid_id, old.role, old.valid_from, old.opened_by) then
    raise exception 'staff_assignments: only closing a current assignment is allowed';
  end if;
  return new;
end $$;
create trigger staff_assignments_close_only before update on staff_assignments for each row execute function assignment_close_only();

`.execute(db);
}
