import { can } from '../../../common/domain/access';
import type { Division } from '../../../common/schemas/territory';
import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';
import type { DivisionTree } from '../territory/division-tree';

/**
 * A county's working calendar is kept by its county centre; the city centre reads every county's,
 * street centres and community stations their own county's (their matters' deadlines run on it).
 */
export function mayManageCalendar(actor: Actor, countyCode: string): boolean {
  return can(actor.role, 'calendar.manage') && inScope(actor, countyCode);
}

export function mayReadCalendar(actor: Actor, countyCode: string, tree: DivisionTree): boolean {
  if (!can(actor.role, 'calendar.read') || !actor.scopeCode) return false;
  return inScope(actor, countyCode) || tree.countyOf(actor.scopeCode)?.code === countyCode;
}

/** The county-level units (the six counties and the 五大连池风景名胜区) whose calendars the actor reads. */
export function visibleCounties(actor: Actor, tree: DivisionTree): Division[] {
  return tree
    .all()
    .filter((d) => d.level === 'county' && mayReadCalendar(actor, d.code, tree))
    .sort((a, b) => a.code.localeCompare(b.code));
}
