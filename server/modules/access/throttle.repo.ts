import type { Database } from '../../db/client';
import type { ThrottleState } from './login-throttle';

export const throttleRepo = {
  /** Creates missing rows and locks them (in key order, so concurrent logins never deadlock). */
  async lockRows(tx: Database, keys: string[], now: Date): Promise<Map<string, ThrottleState>> {
    const sorted = [...keys].sort();
    await tx
      .insertInto('login_throttle')
      .values(sorted.map((key) => ({ key, failures: 0, window_start: now })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const rows = await tx.selectFrom('login_throttle').selectAll().where('key', 'in', sorted).orderBy('key').forUpdate().execute();
    return new Map(
      rows.map((r) => [
        r.key,
        {
          failures: r.failures,
          window_start: new Date(r.window_start),
          locked_until: r.locked_until ? new Date(r.locked_until) : null,
          locks: r.locks,
          last_lock_at: r.last_lock_at ? new Date(r.last_lock_at) : null,
        },
      ]),
    );
  },
  save(tx: Database, key: string, s: ThrottleState) {
    return tx
      .updateTable('login_throttle')
      .set({ failures: s.failures, window_start: s.window_start, locked_until: s.locked_until, locks: s.locks, last_lock_at: s.last_lock_at })
      .where('key', '=', key)
      .execute();
  },
  remove(tx: Database, key: string) {
    return tx.deleteFrom('login_throttle').where('key', '=', key).execute();
  },
  async isKnownAddress(db: Database, userId: string, ip: string, since: Date): Promise<boolean> {
    const r = await db.selectFrom('login_addresses').select('ip').where('user_id', '=', userId).where('ip', '=', ip).where('last_success_at', '>=', since).executeTakeFirst();
    return r !== undefined;
  },
  rememberAddress(tx: Database, userId: string, ip: string, at: Date) {
    return tx
      .insertInto('login_addresses')
      .values({ user_id: userId, ip, last_success_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_success_at: at }))
      .execute();
  },
  /** Forgets counts and locks that no longer matter. */
  purge(db: Database, olderThan: Date, now: Date) {
    return db
      .deleteFrom('login_throttle')
      .where('window_start', '<', olderThan)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .execute();
  },
};
