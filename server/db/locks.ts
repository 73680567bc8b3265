import { sql } from 'kysely';
import type { Database } from './client';

/**
 * Transaction-scoped advisory locks, one key per thing that must be serialised:
 * - audit: the hash chain needs each entry to see the previous one;
 * - grid_changes: each change is planned against the state the previous one left;
 * - certificates: certificate numbers run in sequence per county and year.
 */
const keys = { audit: 7301, grid_changes: 7302, certificates: 7303 } as const;

export async function lockForTransaction(tx: Database, what: keyof typeof keys): Promise<void> {
  await sql`select pg_advisory_xact_lock(${keys[what]})`.execute(tx);
}
