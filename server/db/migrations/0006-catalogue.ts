import { sql, type Kysely } from 'kysely';

/**
 * The service-item catalogue of each county (事项清单, Art. 14–16): versions that are drafted by the
 * county centre, approved by the county government and then published; the published version is
 * superseded by the next one, never edited, so the types a matter was handled under stay readable.
 * Also the county government's role, which approves the catalogue (Art. 15).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('city_centre','county_centre','street_centre','community_station',
  'grid_head','grid_worker','department','county_government','sys_admin','security_admin','auditor'));

create table catalogue_versions (
  id text primary key,
  county_code text not null references divisions(code),
  version integer not null check (version > 0),
  status text not null check (status in ('draft','submitted','approved','published','superseded','discarded')),
  origin text not null check (origin in ('default','county')),
  based_on_id text references catalogue_versions(id),
  note text,
  refusal_reason text,
  approval_ref text,
  created_by text references users(id),
  created_at timestamptz not null,
  submitted_by text references users(id),
  submitted_at timestamptz,
  approved_by text references users(id),
  approved_at timestamptz,
  published_by text references users(id),
  published_at timestamptz,
  superseded_at timestamptz,
  unique (county_code, version)
);
-- One published version per county, and at most one being worked on.
create unique index catalogue_versions_published_uq on catalogue_versions(county_code) where status = 'published';
create unique index catalogue_versions_open_uq on catalogue_versions(county_code) where status in ('draft','submitted','approved');

create table catalogue_types (
  version_id text not null references catalogue_versions(id),
  code text not null check (code ~ '^[0-9]{6}$'),
  level1_code text not null,
  level1_name text not null,
  level2_code text not null,
  level2_name text not null,
  name text not null,
  art14_kind smallint not null check (art14_kind between 1 and 10),
  duties text not null,
  duties_default boolean not null,
  default_sector text not null,
  dispatch_amount integer not null check (dispatch_amount > 0),
  dispatch_unit text not null check (dispatch_unit in ('working_hours','calendar_hours')),
  handling_amount integer not null check (handling_amount > 0),
  handling_unit text not null check (handling_unit in ('working_hours','calendar_hours')),
  verification_amount integer not null check (verification_amount > 0),
  verification_unit text not null check (verification_unit in ('working_hours','calendar_hours')),
  feedback_amount integer not null check (feedback_amount > 0),
  feedback_unit text not null check (feedback_unit in ('working_hours','calendar_hours')),
  limits_default boolean not null,
  handling_basis text,
  needs_verification boolean not null,
  needs_feedback boolean not null,
  priority text not null check (priority in ('normal','urgent','top')),
  direct_to_police boolean not null,
  initials text not null,
  pinyin text not null,
  source text,
  primary key (version_id, code),
  check (level2_code = substr(code, 1, 4) and level1_code = substr(code, 1, 2))
);
create index catalogue_types_code_idx on catalogue_types(code);

-- Only a draft's types change; a version leaves 'draft' for good, and a published one only becomes superseded.
create function catalogue_types_guard() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' and (select status from catalogue_versions where id = old.version_id) <> 'draft' then
    raise exception '事项清单版本已不是草稿，其中的事项不能修改或删除';
  end if;
  if tg_op <> 'DELETE' and (select status from catalogue_versions where id = new.version_id) <> 'draft' then
    raise exception '事项只能加入草稿版本';
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end $$;
create trigger catalogue_types_guard before insert or update or delete on catalogue_types for each row execute function catalogue_types_guard();

create function catalogue_versions_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception '事项清单版本不能删除'; end if;
  if old.status in ('superseded','discarded') then raise exception '已被替代或已放弃的事项清单版本不能修改'; end if;
  if old.status = 'published' and (new.status <> 'superseded'
      or (to_jsonb(new) - 'status' - 'superseded_at') <> (to_jsonb(old) - 'status' - 'superseded_at')) then
    raise exception '已公布的事项清单版本不能修改，只能由新版本替代';
  end if;
  return new;
end $$;
create trigger catalogue_versions_guard before update or delete on catalogue_versions for each row execute function catalogue_versions_guard();

insert into state_versions (topic) values ('catalogue') on conflict (topic) do nothing;
`.execute(db);
}
