import { levelLabels, transition, type FlowState } from '../../../common/domain/matter-flow';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { JobHandler } from '../../jobs/runner';
import { startPeriod } from './matter-deadlines';
import { recountHandler } from './matter-recount';
import { recordEvent, type EventActor } from './matter-events';
import { typeOf } from './matter-intake';
import { mattersRepo } from './matters.repo';
import type { CalendarLookup, CatalogueLookup } from './matters.ports';

const SYSTEM: EventActor = { kind: 'system', user: null, name: '系统（时限监控）', orgId: null, division: null };

/**
 * The deadline jobs of matters: the yellow warning at 75 % of a step's limit and, at the deadline,
 * overdue with automatic escalation one level up — each an event. A job of an earlier period (the
 * matter moved on, or was extended) finds its revision stale and does nothing.
 */
export function matterJobHandlers(deps: { clock: Clock; catalogue: CatalogueLookup; calendars: CalendarLookup }): Record<string, JobHandler> {
  const { clock } = deps;
  async function current(tx: Database, payload: { matterId: string; rev: number }) {
    const m = await mattersRepo.byIdForUpdate(tx, payload.matterId);
    if (!m || m.deadline_rev !== payload.rev || !m.step) return null;
    return m;
  }
  return {
    'calendar.changed': recountHandler(deps),
    'matter.warn': async (tx, payload) => {
      const m = await current(tx, payload);
      if (!m || m.warned) return;
      const flow = m.flow as FlowState;
      if (!transition(flow, { type: 'warn' }, { kind: 'system' }).ok) return;
      await recordEvent(tx, clock, m, { kind: 'warn', before: flow, after: flow, actor: SYSTEM, reason: '已用去本环节时限的 75%（黄灯）', data: { step: m.step }, period: { warned: true } });
    },
    'matter.overdue': async (tx, payload) => {
      const m = await current(tx, payload);
      if (!m || m.overdue) return;
      const before = m.flow as FlowState;
      const r = transition(before, { type: 'overdue' }, { kind: 'system' });
      if (!r.ok) return;
      const after = r.next;
      const raised = after.level !== before.level;
      // A pending matter raised a level is that level's to dispatch now: a new period, with its own deadline.
      const period =
        raised && after.state === 'pending'
          ? { ...(await startPeriod(tx, m.id, after, await typeOf(deps, m), await deps.calendars.calendarFor(m.county_code), clock.now(), m.deadline_rev)), overdue: false }
          : { overdue: true };
      await recordEvent(tx, clock, m, {
        kind: raised ? 'escalate_overdue' : 'overdue',
        before,
        after,
        actor: SYSTEM,
        reason: raised ? `本环节已超期（红灯），自动提级至${levelLabels[after.level]}网格化管理服务机构` : '本环节已超期（红灯）',
        data: { step: m.step, fromLevel: before.level, toLevel: after.level },
        period: { ...period, ...(raised && after.state !== 'pending' ? { overdue: true } : {}) },
      });
    },
  };
}
