import { significantPrefix } from '../../../common/domain/division-code';
import type { StaffRole } from '../../../common/domain/staff';
import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';

/** The code prefix an actor's staff views are limited to, or null when it has no territory. */
export function scopePrefix(actor: Actor): string | null {
  return actor.scopeCode ? significantPrefix(actor.scopeCode) : null;
}

/**
 * Who may appoint, adjust and remove staff on a grid: the county centre in its county, the street
 * centre in its street (Art. 5, 13), and a department or service unit for the professional
 * workers it sends itself (Art. 22).
 */
export function mayManageOn(actor: Actor, gridCode: string, role: StaffRole, sourceOrgId: string | null): boolean {
  if (actor.role === 'county_centre' || actor.role === 'street_centre') return inScope(actor, gridCode);
  if (actor.role === 'department') return role === 'professional' && sourceOrgId !== null && sourceOrgId === actor.orgId && inScope(actor, gridCode);
  return false;
}

/** Who manages a person's record (their street, or the county above it). */
export function mayManagePerson(actor: Actor, townshipCode: string): boolean {
  return (actor.role === 'county_centre' || actor.role === 'street_centre') && inScope(actor, townshipCode);
}

/**
 * Personal data of a worker (ID number, birth date, home address) in full: only for the centre that
 * manages the person — the street centre of their street (Art. 5) — and only as a separate,
 * audited action with a reason.
 */
export function mayUnmask(actor: Actor, townshipCode: string): boolean {
  return actor.role === 'street_centre' && inScope(actor, townshipCode);
}

/**
 * The unit whose centre manages, trains and assesses a person (Art. 5): a street or township; the
 * 五大连池风景名胜区, which has no townships, manages its own (Art. 33).
 */
export function managesStaff(d: { level: string; kind: string } | undefined): boolean {
  return !!d && (d.level === 'township' || d.kind === 'management_area');
}
