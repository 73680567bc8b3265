import type { Permission, Role } from '../schemas/auth';
import { codeLevel } from './division-code';

/**
 * What each role may do. The three security roles are kept apart (三员分立): the system administrator
 * manages accounts, the security administrator sets roles and security policy, the auditor reads the audit
 * log; none of them edits grids.
 */
export const rolePermissions: Record<Role, Permission[]> = {
  city_centre: ['grid.read', 'filing.read', 'filing.acknowledge', 'staff.read', 'org.read', 'calendar.read', 'catalogue.read'],
  // The county centre keeps its county's working calendar, on which matter deadlines are counted (Art. 21).
  county_centre: ['grid.read', 'grid.propose', 'grid.apply', 'filing.read', 'staff.read', 'staff.manage', 'staffing.settings', 'training.manage', 'workid.issue', 'org.read', 'org.manage', 'calendar.read', 'calendar.manage', 'catalogue.read', 'catalogue.manage'],
  // The street centre manages, trains and assesses the grid workers every year (Art. 5, 27).
  street_centre: ['grid.read', 'grid.propose', 'staff.read', 'staff.manage', 'staff.assess_annual', 'training.manage', 'org.read', 'org.manage', 'calendar.read', 'catalogue.read'],
  // The community station supervises the workers day to day and assesses them (Art. 5).
  community_station: ['grid.read', 'staff.read', 'staff.assess_daily', 'org.read', 'calendar.read', 'catalogue.read'],
  grid_head: ['grid.read', 'staff.read', 'catalogue.read'],
  grid_worker: ['grid.read', 'catalogue.read'],
  // Departments and service units send professional workers to the grids (Art. 22).
  department: ['grid.read', 'staff.read', 'staff.manage', 'org.read', 'catalogue.read'],
  // The county's people's government approves the county's service-item catalogue (Art. 15).
  county_government: ['grid.read', 'org.read', 'catalogue.read', 'catalogue.approve'],
  sys_admin: ['user.manage'],
  security_admin: ['grid.read', 'role.assign'],
  auditor: ['audit.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** The territory level a role's scope must sit at, when it has one. */
export const roleScopeLevels: Partial<Record<Role, string[]>> = {
  city_centre: ['city'],
  county_centre: ['county'],
  county_government: ['county'],
  street_centre: ['township'],
  community_station: ['village'],
  grid_head: ['village'],
  grid_worker: ['village'],
};

export function scopeFitsRole(role: Role, scopeCode: string | null): string | null {
  const levels = roleScopeLevels[role];
  if (!levels) return null;
  if (!scopeCode) return '该角色必须指定管辖范围（区划代码）';
  const level = codeLevel(scopeCode);
  if (!levels.includes(level)) return `该角色的管辖范围应为${levels.map((l) => levelNames[l] ?? l).join('或')}一级`;
  return null;
}

const levelNames: Record<string, string> = { city: '市', county: '县', township: '乡镇（街道）', village: '社区（村）' };
