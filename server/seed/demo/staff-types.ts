import type { AssessmentKind, CertificateStatus, DecisionKind, Grade, StaffingSettings, StaffRole } from '../../../common/domain/staff';
import type { DemoDivision } from './types';

/**
 * Public shapes of the demo staff generator. Rows are keyed by text keys (people `p…`, decisions,
 * courses, certificates) and name grids and organisations by code; the writer (staff.seed.ts)
 * gives them ids. `by` names who recorded a row: a division code (the centre there) or an
 * organisation code; the writer finds the account, or the county centre's.
 */

export interface DemoStaffGrid {
  code: string;
  level: 'grid' | 'micro';
  kind: 'urban' | 'rural' | 'exclusive';
  /** the grid's code for micro-grids */
  parentCode: string | null;
  /** the community or village (12 digits) */
  divisionCode: string;
  name: string;
  subKind: string | null;
  owningUnit: string | null;
}

/** A demo account the data is made to fit: assessors, and workers who sign in as themselves. */
export interface DemoStaffAccounts {
  /** community stations that give daily assessments */
  stations: string[];
  /** street centres that give annual assessments */
  streets: string[];
  /** grid heads and workers linked to a staff record in their community */
  linked: { username: string; role: 'grid_head' | 'grid_worker'; communityCode: string }[];
}

export interface DemoStaffInput {
  /** The seeding day (YYYY-MM-DD): every date of the history lies before it. */
  today: string;
  seed?: number;
  divisions: DemoDivision[];
  grids: DemoStaffGrid[];
  accounts?: Partial<DemoStaffAccounts>;
}

export interface DemoServiceUnit {
  code: string;
  name: string;
  sector: string;
  divisionCode: string;
}

export interface DemoOrgPhone {
  code: string;
  dutyPhone: string;
  complaintPhone: string | null;
}

export interface DemoSettings extends StaffingSettings {
  countyCode: string;
  updatedOn: string;
  by: string;
}

export interface DemoPerson {
  key: string;
  /** the role the person was recruited for (the statistics' "kind") */
  role: StaffRole;
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  birthDate: string;
  phone: string;
  homeAddress: string;
  employer: string | null;
  employerOrgCode: string | null;
  townshipCode: string;
  countyCode: string;
  contractStart: string | null;
  contractEnd: string | null;
  socialInsuranceSince: string | null;
  accidentInsuranceSince: string | null;
  accidentInsuranceUntil: string | null;
  status: 'active' | 'exited';
  /** the day of the first appointment (the record's creation) */
  createdOn: string;
  /** username of the demo account linked to this person */
  account: string | null;
}

export interface DemoDecision {
  key: string;
  personKey: string;
  kind: DecisionKind;
  effectiveOn: string;
  reason: string;
  decidingBody: string;
  summary: string;
  by: string;
}

export interface DemoAssignment {
  personKey: string;
  gridCode: string;
  role: StaffRole;
  background: string | null;
  sourceOrgCode: string | null;
  divisionCode: string;
  countyCode: string;
  validFrom: string;
  validTo: string | null;
  openedBy: string;
  closedBy: string | null;
}

export interface DemoLeave {
  personKey: string;
  kind: 'annual_paid' | 'other_paid';
  startsOn: string;
  endsOn: string;
  days: number;
  note: string | null;
  by: string;
}

export interface DemoCourse {
  key: string;
  name: string;
  townshipCode: string;
  countyCode: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  location: string;
  /** the day the course was entered, before it started */
  createdOn: string;
  by: string;
}

export interface DemoAttendance {
  courseKey: string;
  personKey: string;
  attended: boolean;
  passed: boolean;
  score: number | null;
}

export interface DemoCertificate {
  key: string;
  personKey: string;
  number: string;
  courseKey: string;
  issuedOn: string;
  expiresOn: string;
  status: CertificateStatus;
  statusReason: string | null;
  events: { kind: 'issued' | 'suspended' | 'reinstated' | 'revoked'; reason: string | null; on: string }[];
  by: string;
}

export interface DemoWorkId {
  personKey: string;
  issuedOn: string;
  expiresOn: string;
  revokedOn: string | null;
  revokedReason: string | null;
  by: string;
}

export interface DemoAssessment {
  personKey: string;
  kind: AssessmentKind;
  period: string;
  score: number;
  grade: Grade;
  remarks: string | null;
  /** the assessing station's or street's code (the account's scope) */
  assessorDivision: string;
  assessedOn: string;
}

export interface DemoStaff {
  serviceUnits: DemoServiceUnit[];
  orgPhones: DemoOrgPhone[];
  settings: DemoSettings[];
  people: DemoPerson[];
  decisions: DemoDecision[];
  assignments: DemoAssignment[];
  leave: DemoLeave[];
  courses: DemoCourse[];
  attendance: DemoAttendance[];
  certificates: DemoCertificate[];
  workIds: DemoWorkId[];
  assessments: DemoAssessment[];
}
