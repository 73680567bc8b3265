import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';

/**
 * Grids are the registry everyone looks up (Art. 9); the changes behind them — who proposed what,
 * and why — are the business of the centres whose territory they concern: the county (or the city
 * above it) and the street the change lies in. One rule for the change itself and for the reason
 * and author shown in a grid's history.
 */
export function mayReadChange(actor: Actor, change: { county_code: string; division_code: string | null }): boolean {
  if (!actor.scopeCode) return false;
  return inScope(actor, change.county_code) || (change.division_code !== null && inScope(actor, change.division_code));
}
