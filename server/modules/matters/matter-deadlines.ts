import type { PublishedType } from '../../../common/domain/catalogue';
import { stepOf, type FlowState } from '../../../common/domain/matter-flow';
import type { WorkingCalendar } from '../../../common/domain/working-calendar';
import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import { newId } from '../../lib/ids';
import { jobsRepo } from '../../jobs/jobs.repo';

/** The yellow warning comes at this share of a step's time limit (configurable). */
export const DEFAULT_WARN_SHARE = 0.75;

export interface StepPeriod {
  step: MatterRow['step'];
  step_started_at: Date | null;
  deadline_at: Date | null;
  warn_at: Date | null;
  deadline_provisional: boolean;
  deadline_rev: number;
  warned: boolean;
  overdue: boolean;
}

/**
 * A new step period: the deadline of the step the matter is now in, from the catalogue type's limit,
 * counted on the county's working calendar, with its warning and overdue jobs (keys carry the
 * revision, so a job of an earlier period finds itself stale and does nothing).
 */
export async function startPeriod(tx: Database, matterId: string, flow: FlowState, type: Pick<PublishedType, 'limits'>, calendar: WorkingCalendar, at: Date, rev: number, warnShare = DEFAULT_WARN_SHARE): Promise<StepPeriod> {
  const period = periodOf(flow, type, calendar, at, rev, warnShare);
  await schedulePeriod(tx, matterId, period);
  return period;
}

/** The period's deadline and warning, counted but not yet scheduled (a new matter's row carries it from the start). */
export function periodOf(flow: FlowState, type: Pick<PublishedType, 'limits'>, calendar: WorkingCalendar, at: Date, rev: number, warnShare = DEFAULT_WARN_SHARE): StepPeriod {
  const step = stepOf(flow);
  if (!step) return { step: null, step_started_at: null, deadline_at: null, warn_at: null, deadline_provisional: false, deadline_rev: rev + 1, warned: false, overdue: false };
  const limit = type.limits[step];
  const deadline = calendar.deadline(at, limit);
  const warn = calendar.warnAt(at, limit, warnShare);
  return { step, step_started_at: at, deadline_at: deadline.at, warn_at: warn.at, deadline_provisional: deadline.provisional || warn.provisional, deadline_rev: rev + 1, warned: false, overdue: false };
}

/** The warning and overdue jobs of a period that has a deadline. */
export async function schedulePeriod(tx: Database, matterId: string, p: StepPeriod): Promise<void> {
  await jobsRepo.schedule(tx, periodJobs(matterId, p));
}

/** The job rows of a period: none without a deadline. */
export function periodJobs(matterId: string, p: StepPeriod) {
  return p.warn_at && p.deadline_at ? deadlineJobs(matterId, p.deadline_rev, p.warn_at, p.deadline_at) : [];
}

/** An approved extension: more working time on the current deadline (a new revision of the same period). */
export async function extendPeriod(tx: Database, m: Pick<MatterRow, 'id' | 'deadline_at' | 'deadline_rev' | 'step_started_at'>, extraHours: number, calendar: WorkingCalendar, now: Date, warnShare = DEFAULT_WARN_SHARE) {
  const from = m.deadline_at && new Date(m.deadline_at) > now ? new Date(m.deadline_at) : now;
  const deadline = calendar.deadline(from, { amount: extraHours, unit: 'working_hours' });
  const warn = calendar.warnAt(from, { amount: extraHours, unit: 'working_hours' }, warnShare);
  const rev = m.deadline_rev + 1;
  await scheduleJobs(tx, m.id, rev, warn.at, deadline.at);
  return { deadline_at: deadline.at, warn_at: warn.at, deadline_provisional: deadline.provisional, deadline_rev: rev, warned: false, overdue: false };
}

/** A period counted again on a changed calendar: from its start with the step's limit, then each approved extension. */
export function recountedPeriod(calendar: WorkingCalendar, start: Date, limit: PublishedType['limits'][keyof PublishedType['limits']], extensions: number[], warnShare = DEFAULT_WARN_SHARE) {
  let deadline = calendar.deadline(start, limit);
  let warn = calendar.warnAt(start, limit, warnShare);
  let provisional = deadline.provisional || warn.provisional;
  for (const hours of extensions) {
    const extra = { amount: hours, unit: 'working_hours' as const };
    warn = calendar.warnAt(deadline.at, extra, warnShare);
    deadline = calendar.deadline(deadline.at, extra);
    provisional ||= deadline.provisional;
  }
  return { deadline, warn, provisional };
}

function deadlineJobs(matterId: string, rev: number, warnAt: Date, deadlineAt: Date) {
  return [
    { id: newId(), key: `matter.warn:${matterId}:${rev}`, kind: 'matter.warn', due_at: warnAt, payload: JSON.stringify({ matterId, rev }), status: 'pending' as const },
    { id: newId(), key: `matter.overdue:${matterId}:${rev}`, kind: 'matter.overdue', due_at: deadlineAt, payload: JSON.stringify({ matterId, rev }), status: 'pending' as const },
  ];
}

async function scheduleJobs(tx: Database, matterId: string, rev: number, warnAt: Date, deadlineAt: Date) {
  await jobsRepo.schedule(tx, deadlineJobs(matterId, rev, warnAt, deadlineAt));
}
