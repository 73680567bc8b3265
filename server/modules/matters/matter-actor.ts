import type { Actor as FlowActor, Level } from '../../../common/domain/matter-flow';
import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import { dayOf, type Clock } from '../../lib/clock';
import { inScope } from '../access/access.policy';
import type { Actor } from '../access/actor';
import type { CertificationService } from '../staff/certification.service';
import { staffRepo } from '../staff/staff.repo';

export interface ActorContext {
  db: Database;
  clock: Clock;
  certification: Pick<CertificationService, 'eligibility'>;
}

/** The centre level a role acts at, for a matter in its scope. */
function centreLevel(user: Actor, m: Pick<MatterRow, 'county_code' | 'township_code' | 'division_code'>): Level | null {
  switch (user.role) {
    case 'city_centre':
      return inScope(user, m.county_code) ? 'city' : null;
    case 'county_centre':
      return inScope(user, m.county_code) ? 'county' : null;
    case 'street_centre':
      return m.township_code && inScope(user, m.township_code) ? 'street' : null;
    case 'community_station':
      return inScope(user, m.division_code) ? 'community' : null;
    default:
      return null;
  }
}

/**
 * Who a signed-in user is to a matter: a grid centre of some level in whose scope it lies, the unit
 * it was dispatched to, a certified grid worker of its grid — or nobody. The state machine then
 * decides what that actor may do.
 */
export async function flowActorFor(ctx: ActorContext, user: Actor, m: MatterRow): Promise<{ actor: FlowActor; staffId?: string } | null> {
  const level = centreLevel(user, m);
  if (level) return { actor: { kind: 'centre', level } };
  if (user.role === 'department' && user.orgId) return { actor: { kind: 'unit', orgId: user.orgId } };
  if ((user.role === 'grid_worker' || user.role === 'grid_head') && m.grid_id) {
    const staff = await staffRepo.byUserId(ctx.db, user.id);
    if (!staff) return null;
    const day = dayOf(ctx.clock.now());
    const serving = await staffRepo.assignmentsOf(ctx.db, [staff.id], day);
    if (!serving.some((a) => a.grid_id === m.grid_id || a.grid_id === m.micro_grid_id)) return null;
    // Only a certified worker is given matters (Art. 27).
    if (!(await ctx.certification.eligibility(staff.id, day)).ok) return null;
    return { actor: { kind: 'worker' }, staffId: staff.id };
  }
  return null;
}
