import { AppError } from '../../../common/app-error';
import { can } from '../../../common/domain/access';
import { inScope, requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';

/**
 * Who does what with a county's catalogue (Art. 15): the county centre drafts it and publishes it
 * once the county's people's government has approved it. Drafts are read by those two and by the
 * city centre; the published catalogue by everyone (it is public).
 */
export function mayReadDrafts(actor: Actor, county: string): boolean {
  if (actor.role === 'city_centre') return true;
  return (can(actor.role, 'catalogue.manage') || can(actor.role, 'catalogue.approve')) && inScope(actor, county);
}

export function requireDrafter(actor: Actor, county: string, countyName: string): void {
  requirePermission(actor, 'catalogue.manage', '编制事项清单（由县（市、区）网格化管理服务中心编制）');
  if (!inScope(actor, county)) throw new AppError('forbidden', `${countyName}的事项清单由${countyName}网格化管理服务中心编制，不在您的管辖范围内`);
}

export function requireApprover(actor: Actor, county: string, countyName: string): void {
  requirePermission(actor, 'catalogue.approve', '审批事项清单（由县（市、区）人民政府批准）');
  if (!inScope(actor, county)) throw new AppError('forbidden', `${countyName}的事项清单由${countyName}人民政府批准，不在您的管辖范围内`);
}
