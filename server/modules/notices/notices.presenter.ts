import { staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import { gridKindLabels, gridSubKindLabels } from '../../../common/i18n/zh-CN';
import type { DivisionRef } from '../../../common/schemas/territory';
import type { Boundary } from '../../views/outline-svg';

/**
 * What a grid's public notice says (Art. 12): its name, area, the names and work phones of the
 * people serving it by kind, the sending unit of professional workers, and the phones to call.
 * Nothing else about a person ever enters this shape — no ID number, birth date, address or
 * employer — so no page built from it can show them.
 */
export interface NoticePerson {
  name: string;
  phone: string;
  /** The department or service unit that sent a professional worker (Art. 22). */
  unit: string | null;
}
export interface NoticeGroup {
  role: StaffRole;
  label: string;
  people: NoticePerson[];
}
export interface Phone {
  name: string;
  phone: string | null;
}
export interface Notice {
  code: string;
  name: string;
  level: 'grid' | 'micro';
  kind: 'urban' | 'rural' | 'exclusive';
  kindLabel: string;
  subKindLabel: string | null;
  owningUnit: string | null;
  areaM2: number;
  boundary: Boundary;
  /** The outlines of its micro-grids, drawn inside its own. */
  innerOutlines: Boundary[];
  parent: { code: string; name: string } | null;
  community: DivisionRef | null;
  township: DivisionRef | null;
  county: DivisionRef | null;
  groups: NoticeGroup[];
  /** The roles whose absence the notice says plainly (暂未配备). */
  missing: StaffRole[];
  staffed: boolean;
  micro: { code: string; name: string; people: (NoticePerson & { label: string })[] }[];
  /** The community's 网格化管理服务站 and its duty phone. */
  station: Phone | null;
  /** The county centre's 监督举报电话. */
  hotline: Phone | null;
  /** The day the staff list holds for. */
  asOf: string;
}
export interface RetiredNotice {
  code: string;
  name: string;
  retiredOn: string;
  community: DivisionRef | null;
  township: DivisionRef | null;
  county: DivisionRef | null;
  station: Phone | null;
  hotline: Phone | null;
  /** The active grid now at the middle of the retired one's area, if any. */
  successor: { code: string; name: string } | null;
}

export interface ServingRow {
  grid_id: string;
  role: string;
  name: string;
  phone: string;
  source_org_name: string | null;
}

const GRID_ROLES: StaffRole[] = ['grid_head', 'fulltime', 'parttime', 'professional', 'exclusive'];
const MICRO_ROLES: StaffRole[] = ['building_head', 'unit_head'];

/** Only the name and the work phone of a person, and for professional workers the sending unit. */
export function noticePerson(r: ServingRow): NoticePerson {
  return { name: r.name, phone: r.phone, unit: r.role === 'professional' ? r.source_org_name : null };
}

/** The staff of one grid by kind, in the order of Art. 11, and what the notice must say is missing. */
export function groupStaff(rows: ServingRow[], level: 'grid' | 'micro', kind: Notice['kind']) {
  const roles = level === 'micro' ? MICRO_ROLES : GRID_ROLES;
  const groups: NoticeGroup[] = roles
    .map((role) => ({ role, label: staffRoleLabels[role], people: rows.filter((r) => r.role === role).map(noticePerson) }))
    .filter((g) => g.people.length > 0);
  const required: StaffRole[] = level === 'micro' ? ['building_head'] : kind === 'exclusive' ? ['grid_head', 'exclusive'] : ['grid_head', 'fulltime'];
  const missing = required.filter((r) => !groups.some((g) => g.role === r));
  return { groups, missing, staffed: groups.length > 0 };
}

export function kindLabels(kind: Notice['kind'], subKind: string | null) {
  return { kindLabel: gridKindLabels[kind], subKindLabel: subKind ? (gridSubKindLabels[subKind as keyof typeof gridSubKindLabels] ?? null) : null };
}
