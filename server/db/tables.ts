import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface DivisionsTable {
  code: string;
  parent_code: string | null;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  kind: string;
  special: string | null;
  code_source: 'nbs' | 'local';
  host_code: string | null;
  boundary: Json | null;
  boundary_source: string | null;
  sort_key: Generated<number>;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_code: string | null;
  department: string | null;
  org_id: string | null;
  status: Generated<'active' | 'disabled'>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface GridChangesTable {
  id: string;
  kind: 'create' | 'split' | 'merge' | 'redraw' | 'retire';
  status: 'proposed' | 'applied' | 'withdrawn';
  county_code: string;
  division_code: string | null;
  reason: string;
  summary: string;
  payload: Json;
  warnings: Json<unknown[]>;
  result_codes: Json<string[]>;
  proposed_by: string;
  proposed_at: Timestamp;
  applied_by: string | null;
  applied_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
}

export interface GridsTable {
  id: string;
  code: string;
  level: 'grid' | 'micro';
  parent_id: string | null;
  division_code: string;
  township_code: string | null;
  county_code: string;
  kind: 'urban' | 'rural' | 'exclusive';
  status: 'active' | 'retired';
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface GridVersionsTable {
  id: string;
  grid_id: string;
  version: number;
  name: string;
  sub_kind: string;
  owning_unit: string | null;
  households: number | null;
  population: number | null;
  party_org_type: 'branch' | 'group' | 'joint_branch' | null;
  party_org_name: string | null;
  boundary: Json;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  area_m2: number;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  change_id: string | null;
}

export interface GridFilingsTable {
  id: string;
  change_id: string;
  county_code: string;
  filed_at: Timestamp;
  filed_by: string;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  note: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface StateVersionsTable {
  topic: string;
  version: Generated<number>;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Timestamp;
  locked_until: Timestamp | null;
  locks: Generated<number>;
  last_lock_at: Timestamp | null;
}

export interface LoginAddressesTable {
  user_id: string;
  ip: string;
  last_success_at: Timestamp;
}

/** Calendar dates travel as 'YYYY-MM-DD' text (see db/client.ts). */
type DateText = string;

export interface OrganisationsTable {
  id: string;
  code: string;
  name: string;
  kind: 'grid_centre' | 'department' | 'service_unit' | 'people_org' | 'government';
  sector: string | null;
  division_code: string;
  duty_phone: string | null;
  complaint_phone: string | null;
  source: Generated<'reference' | 'demo' | 'user'>;
  status: Generated<'active' | 'dissolved'>;
  created_at: Timestamp;
}

export interface StaffingSettingsTable {
  county_code: string;
  max_grids_head: number;
  max_grids_fulltime: number;
  max_grids_parttime: number;
  max_grids_professional: number;
  fulltime_quota: number | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface StaffTable {
  id: string;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: DateText;
  phone: string;
  home_address: string | null;
  employer: string | null;
  employer_org_id: string | null;
  user_id: string | null;
  township_code: string;
  county_code: string;
  contract_start: DateText | null;
  contract_end: DateText | null;
  social_insurance_since: DateText | null;
  accident_insurance_since: DateText | null;
  accident_insurance_until: DateText | null;
  status: Generated<'active' | 'exited'>;
  created_at: Timestamp;
}

export interface StaffDecisionsTable {
  id: string;
  staff_id: string;
  kind: 'appoint' | 'adjust' | 'exit';
  effective_on: DateText;
  reason: string;
  deciding_body: string;
  summary: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface StaffAssignmentsTable {
  id: string;
  staff_id: string;
  grid_id: string;
  role: 'grid_head' | 'fulltime' | 'parttime' | 'professional' | 'exclusive' | 'building_head' | 'unit_head';
  background: string | null;
  source_org_id: string | null;
  division_code: string;
  county_code: string;
  valid_from: DateText;
  valid_to: DateText | null;
  opened_by: string;
  closed_by: string | null;
}

export interface StaffLeaveTable {
  id: string;
  staff_id: string;
  kind: 'annual_paid' | 'other_paid';
  starts_on: DateText;
  ends_on: DateText;
  days: number;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface TrainingCoursesTable {
  id: string;
  name: string;
  kind: 'pre_job' | 'in_service';
  township_code: string;
  county_code: string;
  starts_on: DateText;
  ends_on: DateText;
  hours: number;
  location: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface TrainingAttendanceTable {
  course_id: string;
  staff_id: string;
  attended: boolean;
  passed: boolean;
  score: number | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface CertificatesTable {
  id: string;
  staff_id: string;
  number: string;
  course_id: string | null;
  issued_on: DateText;
  expires_on: DateText;
  status: 'valid' | 'suspended' | 'revoked';
  status_reason: string | null;
  status_at: Timestamp;
  issued_by: string;
}

export interface CertificateEventsTable {
  id: string;
  certificate_id: string;
  kind: 'issued' | 'suspended' | 'reinstated' | 'revoked';
  reason: string | null;
  at: Timestamp;
  by_user: string;
}

export interface WorkIdsTable {
  id: string;
  staff_id: string;
  ref: string;
  issued_on: DateText;
  expires_on: DateText;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  issued_by: string;
  created_at: Timestamp;
}

export interface AssessmentsTable {
  id: string;
  staff_id: string;
  kind: 'daily' | 'annual';
  period: string;
  score: number;
  grade: 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified';
  remarks: string | null;
  assessor_id: string;
  assessor_division: string;
  assessed_on: DateText;
  figures: Json | null;
  created_at: Timestamp;
}

export interface ImportJobsTable {
  id: string;
  kind: 'staff';
  status: 'checking' | 'checked' | 'importing' | 'done' | 'failed';
  file_name: string;
  rows: Generated<number>;
  processed: Generated<number>;
  errors: Generated<number>;
  report: Json | null;
  scope_code: string;
  created_by: string;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** The rows read from the file, gzip-compressed JSON, between a clean dry run and the import. */
  payload: Buffer | null;
  progress: Json | null;
  heartbeat_at: Timestamp | null;
}

export interface CalendarDaysTable {
  county_code: string;
  day: DateText;
  kind: 'holiday' | 'workday';
  name: string;
  entered_by: string;
  entered_at: Timestamp;
}

export interface CalendarYearsTable {
  county_code: string;
  year: number;
  entered_by: string;
  entered_at: Timestamp;
}

export interface CalendarSchedulesTable {
  county_code: string;
  periods: Json<{ start: string; end: string }[]>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface MatterCountersTable {
  county_code: string;
  day: DateText;
  last: number;
}

export interface MattersTable {
  id: string;
  number: string;
  tracking_code: string;
  client_key: string | null;
  source: 'worker' | 'resident' | 'department' | 'hotline' | 'open311';
  county_code: string;
  township_code: string | null;
  division_code: string;
  grid_id: string | null;
  micro_grid_id: string | null;
  lng: number | null;
  lat: number | null;
  address: string | null;
  located_by: 'gps' | 'map' | 'address' | 'none';
  location_note: string | null;
  catalogue_version_id: string;
  type_code: string;
  type_name: string;
  art14_kind: number;
  priority: 'normal' | 'urgent' | 'top';
  description: string;
  reporter_user_id: string | null;
  reporter_staff_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_anonymous: boolean;
  first_receiver_staff_id: string | null;
  flow: Json;
  state: 'pending' | 'dispatched' | 'handling' | 'verifying' | 'feedback' | 'closed' | 'parked' | 'voided';
  level: 'community' | 'street' | 'county' | 'city';
  handler_org_id: string | null;
  step: 'dispatch' | 'handling' | 'verification' | 'feedback' | null;
  step_started_at: Timestamp | null;
  deadline_at: Timestamp | null;
  warn_at: Timestamp | null;
  deadline_provisional: Generated<boolean>;
  deadline_rev: Generated<number>;
  warned: Generated<boolean>;
  overdue: Generated<boolean>;
  merged_into: string | null;
  rating: 'satisfied' | 'basically' | 'unsatisfied' | null;
  rated_at: Timestamp | null;
  event_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface MatterEventsTable {
  id: string;
  matter_id: string;
  seq: number;
  kind: string;
  from_state: string | null;
  to_state: string;
  level: string;
  actor_kind: 'centre' | 'unit' | 'worker' | 'resident' | 'system' | 'reporter';
  actor_user_id: string | null;
  actor_name: string;
  actor_org_id: string | null;
  actor_division: string | null;
  at: Timestamp;
  reason: string | null;
  data: Json | null;
  target_org_id: string | null;
  step: string | null;
  deadline_at: Timestamp | null;
}

export interface MatterPhotosTable {
  id: string;
  matter_id: string;
  event_seq: number;
  key: string;
  thumb_key: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  /** Where the camera recorded it was taken (WGS-84), kept as data; the file has no metadata. */
  taken_lng: number | null;
  taken_lat: number | null;
  uploaded_by: string | null;
  at: Timestamp;
}

export interface PhotoUploadsTable {
  id: string;
  key: string;
  thumb_key: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  taken_lng: number | null;
  taken_lat: number | null;
  uploaded_by: string | null;
  uploader_address: string | null;
  used_by: string | null;
  at: Timestamp;
}

export interface JobsTable {
  id: string;
  key: string;
  kind: string;
  due_at: Timestamp;
  payload: Json;
  status: 'pending' | 'done' | 'failed';
  attempts: Generated<number>;
  claimed_at: Timestamp | null;
  done_at: Timestamp | null;
  last_error: string | null;
}

export interface TaskRefusalsTable {
  id: string;
  staff_id: string;
  township_code: string;
  asked_by: string;
  asker_org_id: string | null;
  description: string;
  reason: string;
  recorded_by: string;
  at: Timestamp;
}

export interface CatalogueVersionsTable {
  id: string;
  county_code: string;
  version: number;
  status: 'draft' | 'submitted' | 'approved' | 'published' | 'superseded' | 'discarded';
  origin: 'default' | 'county';
  based_on_id: string | null;
  note: string | null;
  refusal_reason: string | null;
  approval_ref: string | null;
  created_by: string | null;
  created_at: Timestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  published_by: string | null;
  published_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

type LimitUnitText = 'working_hours' | 'calendar_hours';
export interface CatalogueTypesTable {
  version_id: string;
  code: string;
  level1_code: string;
  level1_name: string;
  level2_code: string;
  level2_name: string;
  name: string;
  art14_kind: number;
  duties: string;
  duties_default: boolean;
  default_sector: string;
  dispatch_amount: number;
  dispatch_unit: LimitUnitText;
  handling_amount: number;
  handling_unit: LimitUnitText;
  verification_amount: number;
  verification_unit: LimitUnitText;
  feedback_amount: number;
  feedback_unit: LimitUnitText;
  limits_default: boolean;
  handling_basis: string | null;
  needs_verification: boolean;
  needs_feedback: boolean;
  priority: 'normal' | 'urgent' | 'top';
  direct_to_police: boolean;
  initials: string;
  pinyin: string;
  source: string | null;
}

export interface DB {
  divisions: DivisionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  grid_changes: GridChangesTable;
  grids: GridsTable;
  grid_versions: GridVersionsTable;
  grid_filings: GridFilingsTable;
  audit_log: AuditLogTable;
  state_versions: StateVersionsTable;
  rate_limits: RateLimitsTable;
  login_throttle: LoginThrottleTable;
  login_addresses: LoginAddressesTable;
  organisations: OrganisationsTable;
  staffing_settings: StaffingSettingsTable;
  staff: StaffTable;
  staff_decisions: StaffDecisionsTable;
  staff_assignments: StaffAssignmentsTable;
  staff_leave: StaffLeaveTable;
  training_courses: TrainingCoursesTable;
  training_attendance: TrainingAttendanceTable;
  certificates: CertificatesTable;
  certificate_events: CertificateEventsTable;
  work_ids: WorkIdsTable;
  assessments: AssessmentsTable;
  import_jobs: ImportJobsTable;
  catalogue_versions: CatalogueVersionsTable;
  catalogue_types: CatalogueTypesTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  calendar_schedules: CalendarSchedulesTable;
  matter_counters: MatterCountersTable;
  matters: MattersTable;
  matter_events: MatterEventsTable;
  matter_photos: MatterPhotosTable;
  photo_uploads: PhotoUploadsTable;
  jobs: JobsTable;
  task_refusals: TaskRefusalsTable;
}

export type DivisionRow = Selectable<DivisionsTable>;
export type UserRow = Selectable<UsersTable>;
export type GridRow = Selectable<GridsTable>;
export type GridVersionRow = Selectable<GridVersionsTable>;
export type GridChangeRow = Selectable<GridChangesTable>;
export type GridFilingRow = Selectable<GridFilingsTable>;
export type NewGridVersion = Insertable<GridVersionsTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type StaffRow = Selectable<StaffTable>;
export type StaffAssignmentRow = Selectable<StaffAssignmentsTable>;
export type StaffDecisionRow = Selectable<StaffDecisionsTable>;
export type MatterRow = Selectable<MattersTable>;
export type MatterEventRow = Selectable<MatterEventsTable>;
