import type { GapKind, Grade, StaffRole } from '../../../common/domain/staff';

/** The staff API's answers as the web uses them (server/modules/staff). */
export interface Assignment {
  id: string;
  role: StaffRole;
  roleLabel: string;
  gridCode: string;
  gridName: string;
  gridLevel: 'grid' | 'micro';
  background: string | null;
  backgroundLabel: string | null;
  sourceOrg: string | null;
  validFrom: string;
  validTo: string | null;
}

/** A person with masked personal data (ID number, birth date, home address). */
export interface Staff {
  id: string;
  name: string;
  gender: 'male' | 'female';
  genderLabel: string;
  idNumber: string;
  birthDate: string;
  homeAddress: string | null;
  phone: string;
  employer: string | null;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  countyName: string;
  status: 'active' | 'exited';
  hasAccount: boolean;
  contractStart: string | null;
  contractEnd: string | null;
  roles: StaffRole[];
  assignments: Assignment[];
}

export interface Decision {
  id: string;
  kind: 'appoint' | 'adjust' | 'exit';
  kindLabel: string;
  effectiveOn: string;
  reason: string;
  decidingBody: string;
  summary: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface Leave {
  id: string;
  kind: 'annual_paid' | 'other_paid';
  startsOn: string;
  endsOn: string;
  days: number;
  note: string | null;
}

export interface StaffDetail {
  staff: Staff & { socialInsuranceSince: string | null; accidentInsuranceSince: string | null; accidentInsuranceUntil: string | null };
  history: Assignment[];
  decisions: Decision[];
  leave: Leave[];
  mayUnmask: boolean;
  mayManage: boolean;
}

export type PersonalField = 'idNumber' | 'birthDate' | 'homeAddress';

export interface Certificate {
  id: string;
  number: string;
  issuedOn: string;
  expiresOn: string;
  status: 'valid' | 'suspended' | 'revoked';
  statusLabel: string;
  statusReason: string | null;
  events: { kind: 'issued' | 'suspended' | 'reinstated' | 'revoked'; reason: string | null; at: string; by: string | null }[];
}

export interface WorkId {
  id: string;
  issuedOn: string;
  expiresOn: string;
  revokedAt: string | null;
  revokedReason: string | null;
  valid: boolean;
  reason: string | null;
}

export interface CertificationRecord {
  eligibility: { ok: true } | { ok: false; reason: string };
  training: { courseId: string; name: string; kind: 'pre_job' | 'in_service'; kindLabel: string; startsOn: string; endsOn: string; hours: number; attended: boolean; passed: boolean; score: number | null }[];
  certificates: Certificate[];
  workIds: WorkId[];
}

export interface GridServing {
  gridCode: string;
  on: string;
  items: { staffId: string; name: string; phone: string; role: StaffRole; roleLabel: string; background: string | null; sourceOrg: string | null; since: string; until: string | null }[];
}

export interface AreaGaps {
  code: string;
  name: string;
  grids: number;
  gridsWithGaps: number;
  byGap: Record<GapKind, number>;
}

export interface GridGaps {
  code: string;
  name: string;
  kind: 'urban' | 'rural' | 'exclusive';
  divisionCode: string;
  gaps: GapKind[];
  heads: number;
  fulltime: number;
  parttime: number;
  professional: number;
  exclusive: number;
}

export interface StaffingGaps {
  within: { code: string; name: string };
  on: string;
  gapLabels: Record<GapKind, string>;
  totals: { grids: number; gridsWithGaps: number; byGap: Record<GapKind, number> };
  areas: AreaGaps[];
  grids: GridGaps[];
  overloaded: { staffId: string; name: string; role: StaffRole; roleLabel: string; grids: number; limit: number | null }[];
  quotas: { countyCode: string; countyName: string; quota: number; quotaIsDefault: boolean; filled: number; vacancies: number }[];
}

export interface StaffingSettings {
  countyCode: string;
  countyName: string;
  maxGridsHead: number;
  maxGridsFulltime: number;
  maxGridsParttime: number;
  maxGridsProfessional: number;
  fulltimeQuota: number | null;
  isDefault: boolean;
}

export interface Course {
  id: string;
  name: string;
  kind: 'pre_job' | 'in_service';
  kindLabel: string;
  townshipCode: string;
  townshipName: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  location: string | null;
}

export interface CourseDetail {
  course: Course;
  attendance: { staffId: string; name: string; attended: boolean; passed: boolean; score: number | null }[];
}

export interface Assessment {
  id: string;
  staffId: string;
  staffName: string;
  townshipName: string;
  kind: 'daily' | 'annual';
  kindLabel: string;
  period: string;
  score: number;
  grade: Grade;
  gradeLabel: string;
  remarks: string | null;
  assessedOn: string;
  assessor: string | null;
  assessorUnit: string;
  platformFigures: Record<string, number | null> | null;
}

export interface Organisation {
  id: string;
  code: string;
  name: string;
  kind: 'grid_centre' | 'department' | 'service_unit' | 'people_org' | 'government';
  kindLabel: string;
  sector: string | null;
  sectorLabel: string | null;
  divisionCode: string;
  divisionName: string;
}

export interface MyWorkId {
  staffId: string;
  name: string;
  ref: string;
  issuedOn: string;
  expiresOn: string;
  valid: boolean;
  reason: string | null;
  verifyUrl: string;
  qrSvg: string;
}
