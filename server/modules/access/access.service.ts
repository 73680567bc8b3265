import { hash, verify } from '@node-rs/argon2';
import { createHash } from 'node:crypto';
import { AppError } from '../../../common/app-error';
import { rolePermissions, scopeFitsRole } from '../../../common/domain/access';
import { passwordProblem } from '../../../common/domain/password';
import { roleLabels } from '../../../common/i18n/zh-CN';
import { RoleSchema, type Me, type Role } from '../../../common/schemas/auth';
import type { ChangeFeed } from '../../db/change-feed';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { newId, newToken } from '../../lib/ids';
import { writeAudit } from '../audit/audit.service';
import { organisationsRepo } from '../organisations/organisations.repo';
import { divisionsRepo } from '../territory/divisions.repo';
import { requirePermission } from './access.policy';
import type { Actor } from './actor';
import { ACCOUNT_RULE, accountKey, countAttempt, isLocked, KNOWN_ADDRESS_MS, PAIR_RULE, pairKey, uncountAttempt } from './login-throttle';
import { SessionCache } from './session-cache';
import { throttleRepo } from './throttle.repo';
import { usersRepo } from './users.repo';

export interface AccessDeps {
  db: Database;
  clock: Clock;
  sessionHours: number;
  /** Announces session and account changes to the other app processes; absent in one-off tools. */
  feed?: ChangeFeed;
  /** How long a validated session is trusted from memory (ms); 0 reads the database every time. */
  sessionCacheMs?: number;
}

// Verifying against a real hash when the user does not exist keeps response times alike, so
// timing does not reveal which usernames exist.
const DUMMY_HASH = hash('不存在的用户-占位');
/** Sliding expiry is written at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const shanghaiTime = (d: Date) => d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function createAccessService(deps: AccessDeps) {
  const { db, clock, feed } = deps;
  const sessionMs = deps.sessionHours * 3600_000;
  const cache = new SessionCache(deps.sessionCacheMs ?? 30_000);
  feed?.follow('sessions', { reload: () => cache.clear(), apply: (d) => cache.applyNotice(d) });

  /** Ends cached sessions of a user here and, through the feed, in every other process. */
  async function announceUser(tx: Database, userId: string) {
    await feed?.announce(tx, 'sessions', `u:${userId}`);
  }

  /**
   * Counts the attempt before the password is checked, so parallel guesses can't slip past the
   * limit; refuses while this address is locked out of this account, or while the account is on
   * guard and this address has never signed in to it. Returns the lock this attempt started, if any.
   */
  async function admitAttempt(username: string, ip: string, userId: string | null, now: Date): Promise<Date | null> {
    const pk = pairKey(username, ip);
    const ak = accountKey(username);
    const known = userId !== null && (await throttleRepo.isKnownAddress(db, userId, ip, new Date(now.getTime() - KNOWN_ADDRESS_MS)));
    const r = await db.transaction().execute(async (tx) => {
      const rows = await throttleRepo.lockRows(tx, [pk, ak], now);
      const pair = rows.get(pk);
      const account = rows.get(ak);
      if (isLocked(pair, now)) return { refusal: `该账号在您当前的网络地址上已锁定至 ${shanghaiTime(pair!.locked_until!)}（多次密码错误），请稍后再试或联系系统管理员` };
      if (isLocked(account, now) && !known) return { refusal: `该账号近期密码错误次数过多，新的网络地址已锁定至 ${shanghaiTime(account!.locked_until!)}，请在常用地址登录或联系系统管理员` };
      const p = countAttempt(pair, now, PAIR_RULE);
      await throttleRepo.save(tx, pk, p);
      await throttleRepo.save(tx, ak, countAttempt(account, now, ACCOUNT_RULE));
      return { lockedUntil: p.lockedNow ? p.locked_until : null };
    });
    if (r.refusal !== undefined) throw new AppError('locked', r.refusal);
    return r.lockedUntil ?? null;
  }

  async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }

  return {
    async login(username: string, password: string, ip: string | null): Promise<{ token: string; expires: Date; me: Me }> {
      const now = clock.now();
      const address = ip ?? 'unknown';
      const user = await usersRepo.byUsername(db, username);
      const usable = user && user.status === 'active' ? user : null;
      const lockedNow = await admitAttempt(username, address, usable?.id ?? null, now);
      // An unknown or disabled account is checked against a dummy hash: the same work, the same answer.
      const ok = await verifyPassword(usable?.password_hash ?? (await DUMMY_HASH), password);
      if (!usable || !ok) {
        await db.transaction().execute((tx) =>
          writeAudit(tx, clock, usable ? toActor(usable, ip) : null, { action: lockedNow ? 'auth.lock' : 'auth.login_failed', entity: 'user', entityId: usable?.id ?? null, after: { username } }),
        );
        if (lockedNow) throw new AppError('locked', `连续 ${PAIR_RULE.maxFailures} 次密码错误，该账号在您当前的网络地址上锁定至 ${shanghaiTime(lockedNow)}`);
        throw new AppError('unauthenticated', '用户名或密码错误');
      }

      const actor = toActor(usable, ip);
      const token = newToken();
      const expires = new Date(now.getTime() + sessionMs);
      await db.transaction().execute(async (tx) => {
        await throttleRepo.remove(tx, pairKey(username, address));
        const rows = await throttleRepo.lockRows(tx, [accountKey(username)], now);
        const account = rows.get(accountKey(username));
        if (account) await throttleRepo.save(tx, accountKey(username), uncountAttempt(account, ACCOUNT_RULE, now));
        await throttleRepo.rememberAddress(tx, usable.id, address, now);
        await usersRepo.createSession(tx, { token_hash: tokenHash(token), user_id: usable.id, created_at: now, expires_at: expires, last_seen_at: now });
        await writeAudit(tx, clock, actor, { action: 'auth.login', entity: 'user', entityId: usable.id });
      });
      return { token, expires, me: await this.me(actor) };
    },

    async logout(token: string, actor: Actor): Promise<void> {
      const h = tokenHash(token);
      await db.transaction().execute(async (tx) => {
        await usersRepo.deleteSession(tx, h);
        await feed?.announce(tx, 'sessions', `t:${h}`);
        await writeAudit(tx, clock, actor, { action: 'auth.logout', entity: 'user', entityId: actor.id });
      });
      cache.dropToken(h);
    },

    /**
     * Resolves a session cookie, from memory when it was validated a moment ago. While the change
     * feed may be missing other processes' notices, every request goes to the database instead.
     * Slides the expiry at most once a minute to spare writes.
     */
    async actorForToken(token: string, ip: string | null): Promise<Actor | null> {
      const h = tokenHash(token);
      const now = clock.now().getTime();
      const useCache = feed?.live ?? true;
      let entry = useCache ? cache.get(h, now) : undefined;
      if (!entry) {
        const row = await usersRepo.sessionWithUser(db, h);
        if (!row || row.status !== 'active' || new Date(row.expires_at).getTime() <= now) {
          cache.dropToken(h);
          return null;
        }
        entry = {
          actor: { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, scopeCode: row.scope_code, department: row.department, orgId: row.org_id },
          expiresAt: new Date(row.expires_at).getTime(),
          lastSeenAt: new Date(row.last_seen_at).getTime(),
          fetchedAt: now,
        };
        if (useCache) cache.set(h, entry);
      }
      if (now - entry.lastSeenAt > TOUCH_EVERY_MS) {
        entry.lastSeenAt = now;
        entry.expiresAt = now + sessionMs;
        await usersRepo.touchSession(db, h, new Date(now), new Date(entry.expiresAt));
      }
      return { ...entry.actor, ip };
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
      input: { username: string; password: string; role: string; scopeCode?: string | null; displayName?: string; orgCode?: string | null },
    ): Promise<string> {
      const role = RoleSchema.safeParse(input.role);
      if (!role.success) throw new AppError('bad_request', `未知角色：${input.role}（可选：${RoleSchema.options.join('、')}）`);
      if (!/^[A-Za-z0-9_.-]{2,64}$/.test(input.username)) throw new AppError('bad_request', '用户名只能由 2–64 位字母、数字、点、下划线或连字符组成');
      const weak = passwordProblem(input.password, input.username);
      if (weak) throw new AppError('bad_request', weak);
      const org = await orgFor(role.data, input.orgCode ?? null);
      // A department user's territory is its organisation's: a county's departments act in that county.
      const scopeCode = org ? org.division_code : (input.scopeCode ?? null);
      await checkScope(role.data, scopeCode);
      if (await usersRepo.byUsername(db, input.username)) throw new AppError('conflict', `用户名 ${input.username} 已存在`);
      const id = newId(clock.now().getTime());
      const row = {
        id,
        username: input.username,
        display_name: input.displayName ?? input.username,
        password_hash: await hash(input.password),
        role: role.data,
        scope_code: scopeCode,
        department: org?.name ?? null,
        org_id: org?.id ?? null,
        created_at: clock.now(),
      };
      await db.transaction().execute(async (tx) => {
        await usersRepo.insert(tx, row);
        const { password_hash: _omit, ...visible } = row;
        await writeAudit(tx, clock, by, { action: 'user.create', entity: 'user', entityId: id, after: visible });
      });
      return id;
    },

    /** Disables or re-enables an account (system administrator); a disabled account's sessions end everywhere. */
    async setUserStatus(by: Actor, userId: string, status: 'active' | 'disabled'): Promise<void> {
      requirePermission(by, 'user.manage', '管理账号');
      const user = await mustGetUser(userId);
      if (user.id === by.id) throw new AppError('invalid', '不能停用自己的账号');
      await db.transaction().execute(async (tx) => {
        await usersRepo.update(tx, userId, { status });
        await announceUser(tx, userId);
        await writeAudit(tx, clock, by, { action: status === 'active' ? 'user.enable' : 'user.disable', entity: 'user', entityId: userId, before: { status: user.status }, after: { status } });
      });
      cache.dropUser(userId);
    },

    /** Sets an account's role and scope (security administrator); takes effect on the next request everywhere. */
    async setUserRole(by: Actor, userId: string, input: { role: string; scopeCode: string | null; orgCode?: string | null }): Promise<void> {
      requirePermission(by, 'role.assign', '分配角色');
      const role = RoleSchema.safeParse(input.role);
      if (!role.success) throw new AppError('bad_request', `未知角色：${input.role}`);
      const user = await mustGetUser(userId);
      if (user.id === by.id) throw new AppError('invalid', '不能修改自己的角色');
      const security = ['sys_admin', 'security_admin', 'auditor'];
      if (security.includes(user.role) !== security.includes(role.data)) throw new AppError('invalid', '三员账号与业务账号不能互相转换，请另建账号');
      const org = role.data === 'department' ? await orgFor(role.data, input.orgCode ?? null) : null;
      const scopeCode = org ? org.division_code : input.scopeCode;
      await checkScope(role.data, scopeCode);
      const department = org?.name ?? null;
      await db.transaction().execute(async (tx) => {
        await usersRepo.update(tx, userId, { role: role.data, scope_code: scopeCode, department, org_id: org?.id ?? null });
        await announceUser(tx, userId);
        await writeAudit(tx, clock, by, {
          action: 'user.role',
          entity: 'user',
          entityId: userId,
          before: { role: user.role, scopeCode: user.scope_code, department: user.department },
          after: { role: role.data, scopeCode, department },
        });
      });
      cache.dropUser(userId);
    },

    /** Housekeeping: forgets throttle rows that no longer matter. */
    async purgeThrottle(): Promise<void> {
      const now = clock.now();
      await throttleRepo.purge(db, new Date(now.getTime() - 2 * 86400_000), now);
    },
  };

  async function mustGetUser(id: string) {
    const user = await usersRepo.byId(db, id);
    if (!user) throw new AppError('not_found', '没有这个账号');
    return user;
  }

  /** The organisation a department user acts for: a linked department, service unit or people's organisation. */
  async function orgFor(role: Role, orgCode: string | null) {
    if (role !== 'department') {
      if (orgCode) throw new AppError('bad_request', '只有部门用户才指定所属单位');
      return null;
    }
    if (!orgCode) throw new AppError('bad_request', '部门用户必须指定所属单位（单位编码，如 231102000000-mz）');
    const org = await organisationsRepo.byCode(db, orgCode);
    if (!org) throw new AppError('bad_request', `没有编码为 ${orgCode} 的单位`);
    if (!['department', 'service_unit', 'people_org'].includes(org.kind)) throw new AppError('bad_request', `${org.name}不是网格联动部门、网格服务单位或人民团体`);
    return org;
  }

  async function checkScope(role: Role, scopeCode: string | null) {
    if (scopeCode && (await divisionsRepo.nameOf(db, scopeCode)) === null) throw new AppError('bad_request', `管辖范围 ${scopeCode} 不是已知的区划代码`);
    const scopeIssue = scopeFitsRole(role, scopeCode);
    if (scopeIssue) throw new AppError('bad_request', scopeIssue);
  }
}

export type AccessService = ReturnType<typeof createAccessService>;

function toActor(u: { id: string; username: string; display_name: string; role: string; scope_code: string | null; department: string | null; org_id: string | null }, ip: string | null): Actor {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, scopeCode: u.scope_code, department: u.department, orgId: u.org_id, ip };
}
