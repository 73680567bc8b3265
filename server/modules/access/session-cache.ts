import type { Actor } from './actor';

export interface CachedSession {
  actor: Omit<Actor, 'ip'>;
  expiresAt: number;
  lastSeenAt: number;
  fetchedAt: number;
}

/**
 * Signed-in requests validate their session from here instead of reading the database each time.
 * Entries live a short while (ttl) and are dropped at once when a session ends or its user changes
 * (logout, disabling, role or scope): in this process directly, in the others through the change
 * feed. Bounded: the oldest entries go first.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  get(tokenHash: string, now: number): CachedSession | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (now - e.fetchedAt > this.ttlMs || e.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e;
  }

  set(tokenHash: string, entry: CachedSession): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, entry);
  }

  dropToken(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  dropUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.actor.id === userId) this.entries.delete(k);
  }

  /** A change notice in the form the change feed carries: `t:<token hash>` or `u:<user id>`. */
  applyNotice(detail: string): void {
    if (detail.startsWith('t:')) this.dropToken(detail.slice(2));
    else if (detail.startsWith('u:')) this.dropUser(detail.slice(2));
    else this.clear();
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
