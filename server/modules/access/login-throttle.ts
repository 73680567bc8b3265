/**
 * Login throttling that hurts the attacker rather than the owner.
 *
 * - Per account and address: five wrong passwords from one address lock that address out of that
 *   account; each further lock within a day lasts twice as long (15 min, 30 min, 1 h … at most 24 h).
 *   The owner signing in from elsewhere is not affected.
 * - Per account, all addresses together: twenty wrong passwords within an hour (a spread-out guess)
 *   put the account on guard for an hour: only addresses that signed in to it successfully before may
 *   try; everyone else is refused as if locked.
 * Unknown usernames go through exactly the same counting, so answers and timing never tell which
 * accounts exist. Attempts are counted before the password is checked, so parallel guesses can't slip
 * past the limit.
 */
export interface ThrottleState {
  failures: number;
  window_start: Date;
  locked_until: Date | null;
  locks: number;
  last_lock_at: Date | null;
}

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  /** Lock length for the first lock; doubled for each further lock within `escalateWithinMs`. */
  lockMs: number;
  maxLockMs: number;
  escalateWithinMs: number;
}

const MIN = 60_000;
export const PAIR_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN, maxLockMs: 24 * 60 * MIN, escalateWithinMs: 24 * 60 * MIN };
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 20, windowMs: 60 * MIN, lockMs: 60 * MIN, maxLockMs: 60 * MIN, escalateWithinMs: 0 };
/** An address that signed in within this period counts as the owner's. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * MIN;

export const pairKey = (username: string, ip: string) => `p:${username}\u0001${ip}`;
export const accountKey = (username: string) => `a:${username}`;

export function isLocked(s: ThrottleState | undefined, now: Date): boolean {
  return !!s?.locked_until && s.locked_until.getTime() > now.getTime();
}

/** Counts one attempt; locks when the rule's limit is reached. */
export function countAttempt(s: ThrottleState | undefined, now: Date, rule: ThrottleRule): ThrottleState & { lockedNow: boolean } {
  const t = now.getTime();
  const fresh = !s || t - s.window_start.getTime() > rule.windowMs;
  const failures = fresh ? 1 : s.failures + 1;
  const window_start = fresh ? now : s.window_start;
  const recentLocks = s?.last_lock_at && t - s.last_lock_at.getTime() <= rule.escalateWithinMs ? s.locks : 0;
  if (failures < rule.maxFailures) {
    return { failures, window_start, locked_until: s?.locked_until ?? null, locks: recentLocks, last_lock_at: s?.last_lock_at ?? null, lockedNow: false };
  }
  const locks = recentLocks + 1;
  const length = Math.min(rule.lockMs * 2 ** (locks - 1), rule.maxLockMs);
  return { failures: 0, window_start: now, locked_until: new Date(t + length), locks, last_lock_at: now, lockedNow: true };
}

/** Takes back an attempt that turned out to be the right password (the account-wide count is of failures). */
export function uncountAttempt(s: ThrottleState, rule: ThrottleRule, now: Date): ThrottleState {
  if (now.getTime() - s.window_start.getTime() > rule.windowMs) return s;
  return { ...s, failures: Math.max(0, s.failures - 1) };
}
