import { hash, verify } from '@node-rs/argon2';
import { createHash } from 'node:crypto';
import { AppError } from '../../../common/app-error';
import { rolePermissions, scopeFitsRole } from '../../../common/domain/access';
import { passwordProblem } from '../../../common/domain/password';
import { roleLabels } from '../../../common/i18n/zh-CN';
import { RoleSchema, type Me, type Role } from '../../../common/schemas/auth';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { newId, newToken } from '../../lib/ids';
import { writeAudit } from '../audit/audit.service';
import type { Actor } from './actor';
import { divisionsRepo } from '../territory/divisions.repo';
import { usersRepo } from './users.repo';

export interface AccessDeps {
  db: Database;
  clock: Clock;
  sessionHours: number;
}

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
// Verifying against a real hash when the user does not exist keeps response times alike, so
// timing does not reveal which usernames exist.
const DUMMY_HASH = hash('不存在的用户-占位');

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function createAccessService(deps: AccessDeps) {
  const { db, clock } = deps;
  const sessionMs = deps.sessionHours * 3600_000;

  return {
    async login(username: string, password: string, ip: string | null): Promise<{ token: string; expires: Date; me: Me }> {
      const user = await usersRepo.byUsername(db, username);
      const now = clock.now();
      if (!user || user.status !== 'active') {
        await verify(await DUMMY_HASH, password).catch(() => false);
        throw new AppError('unauthenticated', '用户名或密码错误');
      }
      if (user.locked_until && new Date(user.locked_until) > now) {
        throw new AppError('locked', `连续登录失败次数过多，账号已锁定至 ${new Date(user.locked_until).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' })}`);
      }
      const ok = await verify(user.password_hash, password).catch(() => false);
      const actor: Actor = toActor(user, ip);
      if (!ok) {
        const failed = user.failed_logins + 1;
        const lock = failed >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
        await db.transaction().execute(async (tx) => {
          await usersRepo.recordFailure(tx, user.id, lock ? 0 : failed, lock);
          await writeAudit(tx, clock, actor, { action: lock ? 'auth.lock' : 'auth.login_failed', entity: 'user', entityId: user.id });
        });
        if (lock) throw new AppError('locked', `连续 ${MAX_FAILURES} 次密码错误，账号锁定 ${LOCK_MINUTES} 分钟`);
        throw new AppError('unauthenticated', '用户名或密码错误');
      }
      const token = newToken();
      const expires = new Date(now.getTime() + sessionMs);
      await db.transaction().execute(async (tx) => {
        await usersRepo.resetFailures(tx, user.id);
        await usersRepo.createSession(tx, { token_hash: tokenHash(token), user_id: user.id, created_at: now, expires_at: expires, last_seen_at: now });
        await writeAudit(tx, clock, actor, { action: 'auth.login', entity: 'user', entityId: user.id });
      });
      return { token, expires, me: await this.me(actor) };
    },

    async logout(token: string, actor: Actor): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await usersRepo.deleteSession(tx, tokenHash(token));
        await writeAudit(tx, clock, actor, { action: 'auth.logout', entity: 'user', entityId: actor.id });
      });
    },

    /** Resolves a session cookie; slides the expiry at most once a minute to spare writes. */
    async actorForToken(token: string, ip: string | null): Promise<Actor | null> {
      const row = await usersRepo.sessionWithUser(db, tokenHash(token));
      const now = clock.now();
      if (!row || row.status !== 'active' || new Date(row.expires_at) <= now) return null;
      if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
        await usersRepo.touchSession(db, row.token_hash, now, new Date(now.getTime() + sessionMs));
      }
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role as Role,
        scopeCode: row.scope_code,
        department: row.department,
        ip,
      };
    },

    async me(actor: Actor): Promise<Me> {
      const scopeName = actor.scopeCode ? await divisionsRepo.nameOf(db, actor.scopeCode) : null;
      return {
        id: actor.id,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        roleLabel: roleLabels[actor.role],
        scopeCode: actor.scopeCode,
        scopeName,
        department: actor.department,
        permissions: rolePermissions[actor.role],
      };
    },

    /** Creates an account (CLI, seeding, and later the administrator's screen). */
    async createUser(
      by: Actor | null,
      input: { username: string; password: string; role: string; scopeCode?: string | null; displayName?: string; department?: string | null },
    ): Promise<string> {
      const role = RoleSchema.safeParse(input.role);
      if (!role.success) throw new AppError('bad_request', `未知角色：${input.role}（可选：${RoleSchema.options.join('、')}）`);
      if (!/^[A-Za-z0-9_.-]{2,64}$/.test(input.username)) throw new AppError('bad_request', '用户名只能由 2–64 位字母、数字、点、下划线或连字符组成');
      const weak = passwordProblem(input.password, input.username);
      if (weak) throw new AppError('bad_request', weak);
      const scopeCode = input.scopeCode ?? null;
      if (scopeCode) {
        if ((await divisionsRepo.nameOf(db, scopeCode)) === null) throw new AppError('bad_request', `管辖范围 ${scopeCode} 不是已知的区划代码`);
      }
      const scopeIssue = scopeFitsRole(role.data, scopeCode);
      if (scopeIssue) throw new AppError('bad_request', scopeIssue);
      if (role.data === 'department' && !input.department) throw new AppError('bad_request', '部门用户必须指定所属部门');
      if (await usersRepo.byUsername(db, input.username)) throw new AppError('conflict', `用户名 ${input.username} 已存在`);
      const id = newId(clock.now().getTime());
      const row = {
        id,
        username: input.username,
        display_name: input.displayName ?? input.username,
        password_hash: await hash(input.password),
        role: role.data,
        scope_code: scopeCode,
        department: input.department ?? null,
        created_at: clock.now(),
      };
      await db.transaction().execute(async (tx) => {
        await usersRepo.insert(tx, row);
        const { password_hash: _omit, ...visible } = row;
        await writeAudit(tx, clock, by, { action: 'user.create', entity: 'user', entityId: id, after: visible });
      });
      return id;
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

function toActor(u: { id: string; username: string; display_name: string; role: string; scope_code: string | null; department: string | null }, ip: string | null): Actor {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, scopeCode: u.scope_code, department: u.department, ip };
}
