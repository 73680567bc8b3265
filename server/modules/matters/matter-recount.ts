import type { FlowState } from '../../../common/domain/matter-flow';
import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import type { JobHandler } from '../../jobs/runner';
import { jobsRepo } from '../../jobs/jobs.repo';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { recountedPeriod } from './matter-deadlines';
import { recordEvent, type EventActor } from './matter-events';
import { typeOf } from './matter-intake';
import { mattersRepo } from './matters.repo';
import type { CalendarLookup, CatalogueLookup } from './matters.ports';

const SYSTEM: EventActor = { kind: 'system', user: null, name: '系统（时限监控）', orgId: null, division: null };

/** Approved extensions of the period in force, in order (hours of working time each). */
function extensionsSince(events: { kind: string; at: Date; data: unknown }[], start: Date): number[] {
  return events
    .filter((e) => e.kind === 'decide_request' && new Date(e.at) >= start)
    .map((e) => (e.data as { requestKind?: string; extraHours?: number } | null) ?? {})
    .filter((d) => d.requestKind === 'extension' && d.extraHours)
    .map((d) => d.extraHours!);
}

/**
 * The job `calendar.changed` (scheduled by the calendar module in the transaction that changes a
 * county's working calendar, so it survives a crash and runs once, in whichever process sweeps first).
 * When a county enters holidays or make-up days, or declares a year, every running deadline of
 * its open matters is counted again from the start of its step on the new calendar (approved
 * extensions added after it, as they were granted). A changed deadline is an event saying from
 * what to what; a provisional one that is now certain loses the mark.
 */
export function recountHandler(deps: { clock: Clock; catalogue: CatalogueLookup; calendars: CalendarLookup }): JobHandler {
  return async (tx, payload: { countyCode: string }) => {
    // The sweep brought this process's calendars up to date before claiming the job (matters.service).
    const calendar = await deps.calendars.calendarFor(payload.countyCode);
    const now = deps.clock.now();
    for (const m of await mattersRepo.runningDeadlines(tx, payload.countyCode)) {
      const type = await typeOf(deps, m);
      const start = new Date(m.step_started_at!);
      const limit = type.limits[m.step as NonNullable<MatterRow['step']>];
      const next = recountedPeriod(calendar, start, limit, extensionsSince(await mattersRepo.events(tx, m.id), start));
      const same = m.deadline_at && new Date(m.deadline_at).getTime() === next.deadline.at.getTime() && m.deadline_provisional === next.provisional;
      if (same) continue;
      const rev = m.deadline_rev + 1;
      await jobsRepo.schedule(tx, [
        { id: newId(), key: `matter.warn:${m.id}:${rev}`, kind: 'matter.warn', due_at: next.warn.at, payload: JSON.stringify({ matterId: m.id, rev }), status: 'pending' },
        { id: newId(), key: `matter.overdue:${m.id}:${rev}`, kind: 'matter.overdue', due_at: next.deadline.at, payload: JSON.stringify({ matterId: m.id, rev }), status: 'pending' },
      ]);
      const flow = m.flow as FlowState;
      await recordEvent(tx, deps.clock, m, {
        kind: 'deadline_recount',
        before: flow,
        after: flow,
        actor: SYSTEM,
        reason: '本县工作日历已调整，本环节时限按新日历重新计算',
        data: { step: m.step, from: m.deadline_at ? new Date(m.deadline_at).toISOString() : null, to: next.deadline.at.toISOString(), provisional: next.provisional },
        period: {
          deadline_at: next.deadline.at,
          warn_at: next.warn.at,
          deadline_provisional: next.provisional,
          deadline_rev: rev,
          warned: m.warned && next.warn.at <= now,
          overdue: m.overdue && next.deadline.at <= now,
        },
      });
    }
  };
}
