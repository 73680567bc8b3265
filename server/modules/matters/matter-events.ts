import { AppError } from '../../../common/app-error';
import type { FlowState } from '../../../common/domain/matter-flow';
import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Actor } from '../access/actor';
import type { StepPeriod } from './matter-deadlines';
import { mattersRepo } from './matters.repo';

/** Who an event is by, as stored with it. */
export interface EventActor {
  kind: 'centre' | 'unit' | 'worker' | 'resident' | 'system' | 'reporter';
  user: Actor | null;
  name: string;
  orgId: string | null;
  division: string | null;
}

export function eventActor(kind: EventActor['kind'], user: Actor | null, fallbackName: string, division: string | null): EventActor {
  return { kind, user, name: user ? `${user.displayName}（${user.username}）` : fallbackName, orgId: user?.orgId ?? null, division: user?.scopeCode ?? division };
}

/** The projection of a flow state onto the matter row's columns. */
export function flowColumns(f: FlowState) {
  return { flow: JSON.stringify(f), state: f.state, level: f.level, handler_org_id: f.handler?.kind === 'unit' ? f.handler.orgId : null };
}

export interface EventInput {
  kind: string;
  before: FlowState | null;
  after: FlowState;
  actor: EventActor;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  targetOrgId?: string | null;
  period?: Partial<StepPeriod>;
  extra?: Partial<Pick<MatterRow, 'rating' | 'rated_at' | 'merged_into' | 'closed_at'>>;
}

/** The row of the matter's next event: number `seq`, under the deadline in force after it. */
export function eventRow(m: Pick<MatterRow, 'id' | 'deadline_at' | 'step'>, seq: number, e: EventInput, at: Date) {
  const deadline = e.period && 'deadline_at' in e.period ? e.period.deadline_at : m.deadline_at;
  return {
    id: newId(at.getTime()),
    matter_id: m.id,
    seq,
    kind: e.kind,
    from_state: e.before?.state ?? null,
    to_state: e.after.state,
    level: e.after.level,
    actor_kind: e.actor.kind,
    actor_user_id: e.actor.user?.id ?? null,
    actor_name: e.actor.name,
    actor_org_id: e.actor.orgId,
    actor_division: e.actor.division,
    at,
    reason: e.reason ?? null,
    data: e.data ? JSON.stringify(e.data) : null,
    target_org_id: e.targetOrgId ?? null,
    step: (e.period && 'step' in e.period ? e.period.step : m.step) ?? null,
    deadline_at: deadline ?? null,
  };
}

/**
 * Appends one event and updates the matter's projection in the same transaction. The matter row
 * was read FOR UPDATE, so transitions on one matter run one after the other; `event_count` numbers
 * the events without gaps. (A new matter is inserted with its first event's projection at once.)
 */
export async function recordEvent(tx: Database, clock: Clock, m: MatterRow, e: EventInput): Promise<MatterRow> {
  const at = clock.now();
  const seq = m.event_count + 1;
  await mattersRepo.insertEvent(tx, eventRow(m, seq, e, at));
  const closing = e.after.state === 'closed' && e.before?.state !== 'closed';
  const set = {
    ...flowColumns(e.after),
    ...(e.period ?? {}),
    ...(e.extra ?? {}),
    ...(closing ? { closed_at: at } : {}),
    ...(e.after.state === 'pending' && e.before?.state === 'closed' ? { closed_at: null } : {}),
    event_count: seq,
    updated_at: at,
  };
  const next = await mattersRepo.update(tx, m.id, set);
  if (!next) throw new AppError('conflict', '事项不存在');
  return next;
}
