import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Database } from '../../db/client';
import { lockForTransaction } from '../../db/locks';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { auditRepo } from './audit.repo';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON with sorted keys: jsonb reorders keys, so the hash must not depend on key order. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export function auditHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson([f.seq, f.at.toISOString(), f.actor_id, f.actor_name, f.action, f.entity, f.entity_id, f.before ?? null, f.after ?? null, f.ip]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

const GENESIS = '0'.repeat(64);

/** The value as jsonb will give it back (dates become strings, undefined fields vanish), so the hash verifies later. */
function asStored(v: unknown): unknown {
  return v === undefined || v === null ? null : JSON.parse(JSON.stringify(v));
}

function chainedRow(prev: string, seq: number, clock: Clock, actor: Actor | null, entry: AuditEntry) {
  const fields: HashedFields = {
    seq,
    at: clock.now(),
    actor_id: actor?.id ?? null,
    actor_name: actor ? `${actor.displayName}（${actor.username}）` : '系统',
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    before: asStored(entry.before),
    after: asStored(entry.after),
    ip: actor?.ip ?? null,
  };
  return {
    ...fields,
    before: fields.before === null ? null : JSON.stringify(fields.before),
    after: fields.after === null ? null : JSON.stringify(fields.after),
    prev_hash: prev,
    hash: auditHash(prev, fields),
  };
}

/**
 * Appends to the hash-chained audit log inside the caller's transaction, so the entry exists
 * exactly when the change does. An advisory lock orders concurrent writers on the chain.
 */
export async function writeAudit(tx: Database, clock: Clock, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await writeAuditMany(tx, clock, [{ actor, entry }]);
}

/** Many entries at once (a bulk import), chained in order and inserted in batches. */
export async function writeAuditMany(tx: Database, clock: Clock, entries: { actor: Actor | null; entry: AuditEntry }[], batch = 500): Promise<void> {
  if (entries.length === 0) return;
  await lockForTransaction(tx, 'audit');
  const last = await auditRepo.last(tx);
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS;
  for (let i = 0; i < entries.length; i += batch) {
    const rows = entries.slice(i, i + batch).map(({ actor, entry }) => {
      const row = chainedRow(prev, ++seq, clock, actor, entry);
      prev = row.hash;
      return row;
    });
    await auditRepo.insert(tx, rows);
    // Hashing and inserting thousands of entries is long work: let other requests in between batches.
    if (i + batch < entries.length) await yieldToLoop();
  }
}

/** Walks the whole chain; returns the first broken sequence number, or null when intact. */
export async function verifyAuditChain(db: Database): Promise<number | null> {
  const rows = await auditRepo.all(db);
  let prev = GENESIS;
  for (const r of rows) {
    const expected = auditHash(prev, { ...r, at: new Date(r.at) });
    if (r.prev_hash !== prev || r.hash !== expected) return r.seq;
    prev = r.hash;
  }
  return null;
}
