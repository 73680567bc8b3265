import { AppError } from '../../../common/app-error';
import { can } from '../../../common/domain/access';
import { scopeCovers } from '../../../common/domain/division-code';
import type { Permission } from '../../../common/schemas/auth';
import type { Actor } from './actor';

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError('unauthenticated', '请先登录');
  return actor;
}

export function requirePermission(actor: Actor, permission: Permission, what: string): void {
  if (!can(actor.role, permission)) throw new AppError('forbidden', `当前角色无权${what}`);
}

/** Territory scope: a city-level scope covers everything under 黑河市, a county its county, and so on. */
export function inScope(actor: Actor, code: string): boolean {
  return actor.scopeCode !== null && scopeCovers(actor.scopeCode, code);
}

export function requireScope(actor: Actor, code: string, what: string): void {
  if (!inScope(actor, code)) throw new AppError('forbidden', `${what}不在您的管辖范围内`);
}
