import type { Permission, Role } from '../schemas/auth';
import { codeLevel } from './division-code';

/**
 * What each role may do. The three security roles are kept apart (三员分立): the system administrator
 * manages accounts, the security administrator sets security policy, the auditor reads the audit
 * log; none of them edits grids.
 */
export const rolePermissions: Record<Role, Permission[]> = {
  city_centre: ['grid.read', 'filing.read', 'filing.acknowledge'],
  county_centre: ['grid.read', 'grid.propose', 'grid.apply', 'filing.read'],
  street_centre: ['grid.read', 'grid.propose'],
  community_station: ['grid.read'],
  grid_head: ['grid.read'],
  grid_worker: ['grid.read'],
  department: ['grid.read'],
  sys_admin: ['user.manage'],
  security_admin: ['grid.read'],
  auditor: ['audit.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** The territory level a role's scope must sit at, when it has one. */
export const roleScopeLevels: Partial<Record<Role, string[]>> = {
  city_centre: ['city'],
  county_centre: ['county'],
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
