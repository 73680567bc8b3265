import { maskAddress, maskBirthDate, maskIdNumber } from '../../../common/domain/privacy';
import { headBackgroundLabels, parttimeBackgroundLabels, staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import type { DivisionTree } from '../territory/division-tree';
import type { AssignmentView } from './staff.repo';

const backgroundLabels: Record<string, string> = { ...headBackgroundLabels, ...parttimeBackgroundLabels };

export function presentAssignment(a: AssignmentView) {
  return {
    id: a.id,
    role: a.role as StaffRole,
    roleLabel: staffRoleLabels[a.role as StaffRole],
    gridCode: a.grid_code,
    gridName: a.grid_name ?? a.grid_code,
    gridLevel: a.grid_level,
    background: a.background,
    backgroundLabel: a.background ? (backgroundLabels[a.background] ?? a.background) : null,
    sourceOrg: a.source_org_name,
    validFrom: a.valid_from,
    validTo: a.valid_to,
  };
}

/**
 * A worker as lists and exports show them: the work phone is the one published on the grid's notice
 * (Art. 12) and shown; ID number, birth date and home address are masked unless `unmasked` names them
 * (the unmask action, audited by the service).
 */
export function presentStaff(
  s: { id: string; name: string; gender: 'male' | 'female'; id_number: string; birth_date: string; phone: string; home_address: string | null; employer: string | null; township_code: string; county_code: string; status: 'active' | 'exited'; user_id: string | null; contract_start: string | null; contract_end: string | null },
  tree: DivisionTree,
  current: AssignmentView[],
  unmasked: ReadonlySet<string> = new Set(),
) {
  return {
    id: s.id,
    name: s.name,
    gender: s.gender,
    genderLabel: s.gender === 'male' ? '男' : '女',
    idNumber: unmasked.has('idNumber') ? s.id_number : maskIdNumber(s.id_number),
    birthDate: unmasked.has('birthDate') ? s.birth_date : maskBirthDate(s.birth_date),
    homeAddress: s.home_address === null ? null : unmasked.has('homeAddress') ? s.home_address : maskAddress(s.home_address),
    phone: s.phone,
    employer: s.employer,
    townshipCode: s.township_code,
    townshipName: tree.get(s.township_code)?.name ?? s.township_code,
    countyCode: s.county_code,
    countyName: tree.get(s.county_code)?.name ?? s.county_code,
    status: s.status,
    hasAccount: s.user_id !== null,
    contractStart: s.contract_start,
    contractEnd: s.contract_end,
    roles: [...new Set(current.map((a) => a.role as StaffRole))],
    assignments: current.map(presentAssignment),
  };
}
export type PresentedStaff = ReturnType<typeof presentStaff>;
