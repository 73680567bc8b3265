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
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
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

export interface DB {
  divisions: DivisionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  grid_changes: GridChangesTable;
  grids: GridsTable;
  grid_versions: GridVersionsTable;
  grid_filings: GridFilingsTable;
  audit_log: AuditLogTable;
}

export type DivisionRow = Selectable<DivisionsTable>;
export type UserRow = Selectable<UsersTable>;
export type GridRow = Selectable<GridsTable>;
export type GridVersionRow = Selectable<GridVersionsTable>;
export type GridChangeRow = Selectable<GridChangesTable>;
export type GridFilingRow = Selectable<GridFilingsTable>;
export type NewGridVersion = Insertable<GridVersionsTable>;
