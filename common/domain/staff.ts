/**
 * The people who serve the grids (Art. 11, 20, 22) and the rules of who may serve where.
 * Roles are per assignment: one person may head one grid and be a part-time worker in another.
 */
export const staffRoleLabels = {
  grid_head: '网格长',
  fulltime: '专职网格员',
  parttime: '兼职网格员',
  professional: '专业网格员',
  exclusive: '专属网格员',
  building_head: '楼栋长',
  unit_head: '单元长',
} as const;
export type StaffRole = keyof typeof staffRoleLabels;
export const STAFF_ROLES = Object.keys(staffRoleLabels) as StaffRole[];

/** Where a grid head comes from (Art. 11: the community party organisation or the residents'/villagers' committee). */
export const headBackgroundLabels = {
  party_org: '社区（村）党组织成员',
  committee: '居（村）民委员会成员',
} as const;
/** Who part-time workers are (Art. 11). */
export const parttimeBackgroundLabels = {
  deputy: '人大代表',
  cppcc: '政协委员',
  retired_party: '退休党员',
  self_party: '社区（村）自管党员',
  mediator: '人民调解员',
  social_org: '社会组织成员',
  volunteer: '志愿者',
} as const;
export type HeadBackground = keyof typeof headBackgroundLabels;
export type ParttimeBackground = keyof typeof parttimeBackgroundLabels;

export const decisionKindLabels = { appoint: '任职', adjust: '调整', exit: '退出' } as const;
export type DecisionKind = keyof typeof decisionKindLabels;

export interface RoleRule {
  /** The level of grid the role serves: a grid, or a micro-grid (楼栋长/单元长, Art. 20). */
  level: 'grid' | 'micro';
  /** Only exclusive grids (专属网格员) — or any kind. */
  exclusiveOnly?: boolean;
  /** Which background list applies, if the role needs one. */
  background?: 'head' | 'parttime';
  /** Sent by a department or service unit (专业) or provided by the owning unit (专属). */
  needsSourceOrg?: boolean;
  /** Contracted (聘用制): a contract period is on file. */
  contracted?: boolean;
  /** The county setting that limits how many grids one person serves in this role. */
  limit?: 'maxGridsHead' | 'maxGridsFulltime' | 'maxGridsParttime' | 'maxGridsProfessional';
}

export const roleRules: Record<StaffRole, RoleRule> = {
  grid_head: { level: 'grid', background: 'head', limit: 'maxGridsHead' },
  fulltime: { level: 'grid', contracted: true, limit: 'maxGridsFulltime' },
  parttime: { level: 'grid', background: 'parttime', limit: 'maxGridsParttime' },
  professional: { level: 'grid', needsSourceOrg: true, limit: 'maxGridsProfessional' },
  exclusive: { level: 'grid', exclusiveOnly: true },
  building_head: { level: 'micro' },
  unit_head: { level: 'micro' },
};

/** Each county's own rules (Art. 13), with defaults. */
export interface StaffingSettings {
  maxGridsHead: number;
  maxGridsFulltime: number;
  maxGridsParttime: number;
  maxGridsProfessional: number;
  /** 专职网格员员额 (Art. 29); null: one per grid. */
  fulltimeQuota: number | null;
}
export const DEFAULT_STAFFING: StaffingSettings = { maxGridsHead: 5, maxGridsFulltime: 2, maxGridsParttime: 3, maxGridsProfessional: 30, fulltimeQuota: null };

export const gapKindLabels = {
  no_head: '无网格长',
  no_fulltime: '无专职网格员',
  no_exclusive: '专属网格无专属网格员',
} as const;
export type GapKind = keyof typeof gapKindLabels;

/** The staffing gaps of one grid, from the counts of its current staff (Art. 11, 29). */
export function gridGaps(g: { kind: 'urban' | 'rural' | 'exclusive'; heads: number; fulltime: number; exclusive: number }): GapKind[] {
  const gaps: GapKind[] = [];
  if (g.heads === 0) gaps.push('no_head');
  // An exclusive grid is staffed by its unit (Art. 11): its 专属网格员 stands in for the 专职 one.
  if (g.kind === 'exclusive') {
    if (g.exclusive === 0) gaps.push('no_exclusive');
  } else if (g.fulltime === 0) gaps.push('no_fulltime');
  return gaps;
}

export const assessmentKindLabels = { daily: '日常考核', annual: '年度考核' } as const;
export const gradeLabels = { excellent: '优秀', qualified: '合格', basically_qualified: '基本合格', unqualified: '不合格' } as const;
export type AssessmentKind = keyof typeof assessmentKindLabels;
export type Grade = keyof typeof gradeLabels;

/** The usual grade for a score out of 100 (the assessor may set another with remarks). */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'excellent';
  if (score >= 75) return 'qualified';
  if (score >= 60) return 'basically_qualified';
  return 'unqualified';
}

export const courseKindLabels = { pre_job: '岗前培训', in_service: '在岗培训' } as const;
export const certificateStatusLabels = { valid: '有效', suspended: '暂停', revoked: '已吊销' } as const;
export type CertificateStatus = keyof typeof certificateStatusLabels;
/** A certificate from pre-job training holds this long unless renewed by further training. */
export const CERTIFICATE_YEARS = 3;
