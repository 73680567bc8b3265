import type { Role } from '../../../common/schemas/auth';
import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';

/** The grid centres put up the notices (Art. 12: the street centre; its community stations and the centres above it print too). */
const PRINTERS: readonly Role[] = ['city_centre', 'county_centre', 'street_centre', 'community_station'];

export function mayPrintNotices(actor: Actor, divisionCode: string): boolean {
  return PRINTERS.includes(actor.role) && inScope(actor, divisionCode);
}
