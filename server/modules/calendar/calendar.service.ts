import { AppError } from '../../../common/app-error';
import { nationalCalendar } from '../../../common/domain/public-holidays';
import type { TimeLimit } from '../../../common/domain/working-calendar';
import {
  createWorkingCalendar,
  daysOfYear,
  scheduleProblem,
  type CalendarEntry,
  type CountyWorkingCalendar,
  type WorkSchedule,
} from '../../../common/domain/working-calendar-impl';
import type { CalendarAlarm, CalendarEntryInput, CalendarYearView } from '../../../common/schemas/calendar';
import type { ChangeFeed } from '../../db/change-feed';
import type { Database } from '../../db/client';
import { dayOf, type Clock } from '../../lib/clock';
import { requirePermission } from '../access/access.policy';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit.service';
import type { DivisionTree } from '../territory/division-tree';
import { mayManageCalendar, mayReadCalendar, visibleCounties } from './calendar.policy';
import { calendarRepo } from './calendar.repo';
import { newId } from '../../lib/ids';
import { jobsRepo } from '../../jobs/jobs.repo';

export interface CalendarDeps {
  db: Database;
  clock: Clock;
  tree: DivisionTree;
  feed: ChangeFeed;
  onError?: (e: unknown) => void;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';

/**
 * The working calendars of the counties (Art. 21, 限时办结): the national holidays of chinese-days
 * with each county's own days, declared years and schedule. `calendarFor` answers from memory, so
 * the matters loop can count deadlines without a query; the cache follows the database through the
 * change feed (topic 'calendar'), in every process.
 */
export function createCalendarService({ db, clock, tree, feed, onError }: CalendarDeps) {
  const national = createWorkingCalendar();
  let calendars = new Map<string, CountyWorkingCalendar>();

  async function reload(): Promise<void> {
    const [days, years, schedules] = await Promise.all([calendarRepo.allDays(db), calendarRepo.allYears(db), calendarRepo.allSchedules(db)]);
    const data = new Map<string, { entries: CalendarEntry[]; enteredYears: number[]; schedule?: WorkSchedule }>();
    const of = (county: string) => {
      let d = data.get(county);
      if (!d) data.set(county, (d = { entries: [], enteredYears: [] }));
      return d;
    };
    for (const r of days) of(r.county_code).entries.push({ day: r.day, kind: r.kind, name: r.name });
    for (const r of years) of(r.county_code).enteredYears.push(Number(r.year));
    for (const r of schedules) {
      const periods = r.periods as WorkSchedule;
      // The service checks every schedule it saves; one that fails here was written around it.
      if (scheduleProblem(periods)) onError?.(new Error(`县 ${r.county_code} 的工作时段无效，按默认时段计算`));
      else of(r.county_code).schedule = periods;
    }
    const next = new Map<string, CountyWorkingCalendar>();
    for (const [county, d] of data) next.set(county, createWorkingCalendar(d));
    calendars = next;
  }
  feed.follow('calendar', { reload });

  /** A county's calendar (the national one for a county that has entered nothing). */
  function calendarFor(countyCode: string): CountyWorkingCalendar {
    return calendars.get(countyCode) ?? national;
  }

  function mustCounty(code: string) {
    const d = tree.get(code);
    if (!d || d.level !== 'county') throw new AppError('not_found', `没有代码为 ${code} 的县（市、区）`);
    return d;
  }
  function mustRead(actor: Actor, county: string) {
    requirePermission(actor, 'calendar.read', '查看工作日历');
    const d = mustCounty(county);
    if (!mayReadCalendar(actor, county, tree)) throw new AppError('forbidden', `${d.name}不在您的管辖范围内`);
    return d;
  }
  function mustManage(actor: Actor, county: string) {
    requirePermission(actor, 'calendar.manage', '维护工作日历');
    const d = mustCounty(county);
    if (!mayManageCalendar(actor, county)) throw new AppError('forbidden', `只能维护本县（市、区）的工作日历，${d.name}不在您的管辖范围内`);
    return d;
  }

  /**
   * Commits a change with its audit entry and announcement, and a job `calendar.changed` (the
   * matters loop recounts the county's running deadlines); then brings this process's cache up to date.
   */
  async function change(countyCode: string, work: (tx: Database) => Promise<void>): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await work(tx);
      await feed.announce(tx, 'calendar');
      await jobsRepo.schedule(tx, [{ id: newId(), key: `calendar.changed:${countyCode}:${newId()}`, kind: 'calendar.changed', due_at: clock.now(), payload: JSON.stringify({ countyCode }), status: 'pending' }]);
    });
    await feed.refresh('calendar');
  }

  return {
    calendarFor,
    /** The calendar of the county a division, grid or community code lies in. */
    calendarOf(code: string): CountyWorkingCalendar {
      const county = tree.countyOf(code);
      return calendarFor(county?.code ?? code);
    },
    reload,
    /** Follows a change another process made (the matters loop asks before recounting deadlines). */
    refresh: () => feed.refresh('calendar'),

    /** The counties the actor reads, with the coverage of this year and the next. */
    counties(actor: Actor) {
      requirePermission(actor, 'calendar.read', '查看工作日历');
      const year = Number(dayOf(clock.now()).slice(0, 4));
      return {
        items: visibleCounties(actor, tree).map((c) => {
          const cal = calendarFor(c.code);
          return { code: c.code, name: c.name, canManage: mayManageCalendar(actor, c.code), coverage: { [year]: cal.coverage(year), [year + 1]: cal.coverage(year + 1) } };
        }),
      };
    },

    async year(actor: Actor, countyCode: string, year: number): Promise<CalendarYearView> {
      const county = mustRead(actor, countyCode);
      const cal = calendarFor(countyCode);
      const [rows, declared] = await Promise.all([calendarRepo.daysOfYear(db, countyCode, year), calendarRepo.year(db, countyCode, year)]);
      const days = daysOfYear(year).map((d) => cal.dayInfo(d));
      return {
        countyCode,
        countyName: county.name,
        year,
        coverage: cal.coverage(year),
        nationalSource: nationalCalendar.source,
        declared: declared ? { by: declared.entered_by_name, at: iso(declared.entered_at) } : null,
        schedule: cal.schedule.map((p) => ({ ...p })),
        hoursPerDay: cal.hoursPerDay,
        counts: {
          workdays: days.filter((d) => d.workday).length,
          holidays: days.filter((d) => d.kind === 'holiday').length,
          makeUpWorkdays: days.filter((d) => d.kind === 'workday' && (d.weekday === 0 || d.weekday === 6)).length,
        },
        days,
        entries: rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name, enteredBy: r.entered_by_name, enteredAt: iso(r.entered_at) })),
        canManage: mayManageCalendar(actor, countyCode),
      };
    },

    /** Enters days together (a holiday period and its make-up days): all of them or none. */
    async addDays(actor: Actor, countyCode: string, input: CalendarEntryInput[]) {
      mustManage(actor, countyCode);
      const seen = new Set<string>();
      const twice = [...new Set(input.filter((e) => (seen.has(e.day) ? true : (seen.add(e.day), false))).map((e) => e.day))];
      if (twice.length) throw new AppError('conflict', `同一天录入了两次：${twice.join('、')}`);
      const existing = await calendarRepo.existingDays(db, countyCode, [...seen]);
      if (existing.length) throw new AppError('conflict', `以下日期本县已录入，请先删除再重新录入：${existing.map((e) => `${e.day}（${e.name}）`).join('、')}`);
      const now = clock.now();
      try {
        await change(countyCode, async (tx) => {
          await calendarRepo.insertDays(tx, input.map((e) => ({ county_code: countyCode, day: e.day, kind: e.kind, name: e.name, entered_by: actor.id, entered_at: now })));
          await writeAudit(tx, clock, actor, { action: 'calendar.days.add', entity: 'county', entityId: countyCode, after: { days: input } });
        });
      } catch (e) {
        // Another request entered one of these days in between.
        if (isUniqueViolation(e)) throw new AppError('conflict', '其中有日期刚刚已被录入，请刷新后重试');
        throw e;
      }
      return { added: input.length };
    },

    async removeDay(actor: Actor, countyCode: string, day: string) {
      mustManage(actor, countyCode);
      await change(countyCode, async (tx) => {
        const gone = await calendarRepo.deleteDay(tx, countyCode, day);
        if (!gone) throw new AppError('not_found', `本县没有录入 ${day}`);
        await writeAudit(tx, clock, actor, { action: 'calendar.days.remove', entity: 'county', entityId: countyCode, before: gone });
      });
    },

    /** The county says a year the national data lacks is fully entered: its deadlines stop being provisional. */
    async declareYear(actor: Actor, countyCode: string, year: number) {
      mustManage(actor, countyCode);
      if (nationalCalendar.years.has(year)) {
        throw new AppError('invalid', `${year} 年的全国节假日安排已内置（${nationalCalendar.source}），无需确认；本县的调整直接录入即可`);
      }
      const entered = await calendarRepo.daysOfYear(db, countyCode, year);
      if (!entered.some((d) => d.kind === 'holiday')) {
        throw new AppError('invalid', `${year} 年尚未录入任何放假日期，请先按国务院办公厅公布的节假日安排录入放假和调休上班日期`);
      }
      await change(countyCode, async (tx) => {
        if (!(await calendarRepo.declareYear(tx, { county_code: countyCode, year, entered_by: actor.id, entered_at: clock.now() }))) {
          throw new AppError('conflict', `${year} 年已确认录入完成`);
        }
        await writeAudit(tx, clock, actor, { action: 'calendar.year.declare', entity: 'county', entityId: countyCode, after: { year, days: entered.length } });
      });
    },

    async withdrawYear(actor: Actor, countyCode: string, year: number) {
      mustManage(actor, countyCode);
      await change(countyCode, async (tx) => {
        if (!(await calendarRepo.withdrawYear(tx, countyCode, year))) throw new AppError('not_found', `${year} 年尚未确认录入完成`);
        await writeAudit(tx, clock, actor, { action: 'calendar.year.withdraw', entity: 'county', entityId: countyCode, before: { year } });
      });
    },

    async saveSchedule(actor: Actor, countyCode: string, periods: { start: string; end: string }[]) {
      mustManage(actor, countyCode);
      const problem = scheduleProblem(periods);
      if (problem) throw new AppError('bad_request', problem);
      const before = calendarFor(countyCode).schedule;
      await change(countyCode, async (tx) => {
        await calendarRepo.saveSchedule(tx, { county_code: countyCode, periods, updated_by: actor.id, updated_at: clock.now() });
        await writeAudit(tx, clock, actor, { action: 'calendar.schedule', entity: 'county', entityId: countyCode, before: { periods: before }, after: { periods } });
      });
      const cal = calendarFor(countyCode);
      return { periods: cal.schedule.map((p) => ({ ...p })), hoursPerDay: cal.hoursPerDay };
    },

    /** 试算: when a limit started at `start` ends on the county's calendar, and its 75 % warning. */
    tryDeadline(actor: Actor, countyCode: string, start: Date, limit: TimeLimit) {
      mustRead(actor, countyCode);
      const cal = calendarFor(countyCode);
      try {
        const d = cal.deadline(start, limit);
        const w = cal.warnAt(start, limit, 0.75);
        return { deadline: iso(d.at), provisional: d.provisional, warnAt: iso(w.at) };
      } catch (e) {
        if (e instanceof RangeError) throw new AppError('invalid', e.message);
        throw e;
      }
    },

    /**
     * Which counties lack holiday data for this year or the next. From 1 November the next year's
     * gap is urgent: a matter reported in December runs into it, and its deadlines are provisional.
     */
    alarms(actor: Actor): CalendarAlarm {
      requirePermission(actor, 'calendar.read', '查看工作日历');
      const today = dayOf(clock.now());
      const currentYear = Number(today.slice(0, 4));
      const nextYear = currentYear + 1;
      const loud = Number(today.slice(5, 7)) >= 11;
      const counties = visibleCounties(actor, tree)
        .map((c) => ({ code: c.code, name: c.name, missing: [currentYear, nextYear].filter((y) => calendarFor(c.code).coverage(y) === 'missing') }))
        .filter((c) => c.missing.length > 0);
      const names = (y: number) => counties.filter((c) => c.missing.includes(y)).map((c) => c.name);
      const cur = names(currentYear);
      const next = names(nextYear);
      const parts: string[] = [];
      if (cur.length) parts.push(`${cur.join('、')}缺少 ${currentYear} 年（本年）的节假日数据：事项时限暂按周一至周五计算，为临时时限，请立即录入`);
      if (next.length) {
        parts.push(
          loud
            ? `${next.join('、')}尚未录入 ${nextYear} 年的节假日安排：12 月上报的事项时限将跨入 ${nextYear} 年，只能临时按周一至周五计算。国务院办公厅公布后请立即录入并确认录入完成`
            : `${next.join('、')}尚未录入 ${nextYear} 年的节假日安排，国务院办公厅公布后请及时录入`,
        );
      }
      const severity = cur.length ? 'error' : next.length ? (loud ? 'warning' : 'info') : 'none';
      return { today, currentYear, nextYear, loud, severity, message: parts.join('；') || `${currentYear}、${nextYear} 年的节假日数据齐全`, counties };
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
