/**
 * The working calendar of a county: how matter deadlines are counted (Art. 21, 限时办结).
 *
 * Which days are worked: a county's own entries win; then the State Council's holidays and 调休
 * make-up workdays (`public-holidays.ts`); then Monday–Friday. A year is covered when the national
 * data has it or the county has declared it entered; a limit that runs into a year that is neither
 * is counted Monday–Friday for that part and comes back `provisional`, never silently.
 *
 * Working hours are counted on the county's daily schedule. Assumption, until a county sets its
 * own: 08:00–12:00 and 13:30–17:30, eight working hours a day, which is how the catalogue's source
 * converts its limits (1 工作日 = 8 工作时). A working-hours limit that starts outside working time
 * (at night, at lunch, on a holiday) starts counting at the next working period. Calendar hours are
 * natural hours: the 24-hour on-site verification of Art. 21 runs through nights and holidays.
 *
 * All arithmetic is in China Standard Time (UTC+8, no daylight saving) on epoch milliseconds, so
 * the result never depends on the time zone of the machine that computes it.
 */
import { nationalCalendar, type DayKind, type DayMark, type NationalCalendar } from './public-holidays';
import type { Deadline, TimeLimit, WorkingCalendar } from './working-calendar';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** China Standard Time is UTC+8 all year. */
const CST_OFFSET = 8 * HOUR;
/** A limit that finds no working time in ten years is a broken calendar, not a deadline. */
const MAX_DAYS = 3660;

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A working period of a day, as wall-clock times in China Standard Time ("08:00"–"12:00"). */
export interface WorkPeriod {
  start: string;
  end: string;
}
export type WorkSchedule = readonly WorkPeriod[];

/** The default daily schedule (see the assumption above): 8 working hours. */
export const DEFAULT_SCHEDULE: WorkSchedule = [
  { start: '08:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** A county's own entry: a day it declares a holiday or a workday, whatever the national data says. */
export interface CalendarEntry extends DayMark {
  day: string;
}

export interface CountyCalendarData {
  entries?: readonly CalendarEntry[];
  /** Years the county has declared fully entered (for years the national data lacks). */
  enteredYears?: readonly number[];
  schedule?: WorkSchedule;
}

export type DaySource = 'county' | 'package' | 'weekend' | 'weekday';
export interface DayInfo {
  day: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  workday: boolean;
  /** Where the answer comes from: the county's entry, the national data, or the plain week. */
  source: DaySource;
  kind: DayKind | null;
  name: string | null;
  /** What the national data says of a day the county has overridden. */
  national: DayMark | null;
}

export interface CountyWorkingCalendar extends WorkingCalendar {
  dayInfo(day: string): DayInfo;
  readonly schedule: WorkSchedule;
  /** Working hours in one working day on this schedule. */
  readonly hoursPerDay: number;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar day written YYYY-MM-DD (no 02-30) between 2000 and 2100? */
export function isCalendarDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < FIRST_YEAR || y > LAST_YEAR) return false;
  return new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === s;
}

/** The day number (days since 1970-01-01) of a YYYY-MM-DD day. */
function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY);
}
function dayString(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}
function weekdayOf(n: number): number {
  return new Date(n * DAY).getUTCDay();
}

/** The calendar day of a moment in China Standard Time. */
export function cstDay(at: Date): string {
  return dayString(Math.floor((at.getTime() + CST_OFFSET) / DAY));
}

/** The moment a China Standard Time wall-clock time ("08:00") falls on a day. */
export function cstMoment(day: string, time = '00:00'): Date {
  return new Date(dayNumber(day) * DAY + minutesOf(time) * MINUTE - CST_OFFSET);
}

const TIME_RE = /^([01]\d|2[0-4]):([0-5]\d)$/;
function minutesOf(t: string): number {
  const m = TIME_RE.exec(t);
  if (!m) throw new RangeError(`时间格式应为 HH:MM：${t}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** What is wrong with a daily schedule, in Chinese, or null when it is usable. */
export function scheduleProblem(periods: readonly WorkPeriod[]): string | null {
  if (periods.length === 0) return '至少需要一个工作时段';
  if (periods.length > 4) return '每天最多四个工作时段';
  let last = -1;
  for (const p of periods) {
    if (!TIME_RE.test(p.start) || !TIME_RE.test(p.end)) return `工作时段 ${p.start}–${p.end} 的时间格式应为 HH:MM（00:00 至 24:00）`;
    const [a, b] = [minutesOf(p.start), minutesOf(p.end)];
    if (a > 24 * 60 || b > 24 * 60) return `工作时段 ${p.start}–${p.end} 超出一天`;
    if (a >= b) return `工作时段 ${p.start}–${p.end} 的开始时间应早于结束时间`;
    if (a < last) return '工作时段应按时间先后排列且互不重叠';
    last = b;
  }
  return null;
}

/** A county's calendar: its entries and declared years over the national data, on its schedule. */
export function createWorkingCalendar(county: CountyCalendarData = {}, national: NationalCalendar = nationalCalendar): CountyWorkingCalendar {
  const schedule = county.schedule ?? DEFAULT_SCHEDULE;
  const problem = scheduleProblem(schedule);
  if (problem) throw new RangeError(problem);
  const periods = schedule.map((p) => [minutesOf(p.start) * MINUTE, minutesOf(p.end) * MINUTE] as const);
  const hoursPerDay = periods.reduce((s, [a, b]) => s + (b - a), 0) / HOUR;
  const own = new Map<string, DayMark>((county.entries ?? []).map((e) => [e.day, { kind: e.kind, name: e.name }]));
  const entered = new Set(county.enteredYears ?? []);

  const coverage = (year: number): 'package' | 'county' | 'missing' => (entered.has(year) ? 'county' : national.years.has(year) ? 'package' : 'missing');

  function workdayByNumber(n: number, day: string): boolean {
    const mark = own.get(day) ?? national.days.get(day);
    if (mark) return mark.kind === 'workday';
    const wd = weekdayOf(n);
    return wd !== 0 && wd !== 6;
  }

  function checkDay(day: string): void {
    if (!isCalendarDay(day)) throw new RangeError(`不是有效的日期（YYYY-MM-DD，${FIRST_YEAR}–${LAST_YEAR} 年）：${day}`);
  }

  function checkLimit(limit: TimeLimit): number {
    if (!Number.isFinite(limit.amount) || limit.amount < 0) throw new RangeError(`时限应为非负数：${limit.amount}`);
    if (limit.unit !== 'working_hours' && limit.unit !== 'calendar_hours') throw new RangeError(`未知的时限单位：${String(limit.unit)}`);
    return Math.round(limit.amount * HOUR);
  }

  /** Walks the working periods from `start` until `ms` of working time have passed. */
  function addWorkingTime(start: Date, ms: number): Deadline {
    if (ms === 0) return { at: new Date(start.getTime()), provisional: false };
    const local = start.getTime() + CST_OFFSET;
    let n = Math.floor(local / DAY);
    let pos = local - n * DAY;
    let remaining = ms;
    let provisional = false;
    for (let i = 0; i < MAX_DAYS; i++, n++, pos = 0) {
      const day = dayString(n);
      // Every day walked through decides the result, so one in a year without data makes it provisional.
      if (coverage(Number(day.slice(0, 4))) === 'missing') provisional = true;
      if (!workdayByNumber(n, day)) continue;
      for (const [a, b] of periods) {
        const from = Math.max(a, pos);
        if (from >= b) continue;
        if (remaining <= b - from) return { at: new Date(n * DAY + from + remaining - CST_OFFSET), provisional };
        remaining -= b - from;
      }
    }
    throw new RangeError('工作日历中十年内找不到足够的工作时间，请检查本县的节假日录入');
  }

  function deadline(start: Date, limit: TimeLimit): Deadline {
    const ms = checkLimit(limit);
    if (Number.isNaN(start.getTime())) throw new RangeError('开始时间无效');
    if (limit.unit === 'calendar_hours') return { at: new Date(start.getTime() + ms), provisional: false };
    return addWorkingTime(start, ms);
  }

  return {
    schedule,
    hoursPerDay,
    deadline,
    warnAt(start, limit, share) {
      if (!Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`预警比例应在 0 到 1 之间：${share}`);
      return deadline(start, { amount: limit.amount * share, unit: limit.unit });
    },
    isWorkday(day) {
      checkDay(day);
      return workdayByNumber(dayNumber(day), day);
    },
    coverage,
    dayInfo(day) {
      checkDay(day);
      const n = dayNumber(day);
      const weekday = weekdayOf(n);
      const mine = own.get(day);
      const theirs = national.days.get(day) ?? null;
      const mark = mine ?? theirs;
      const source: DaySource = mine ? 'county' : theirs ? 'package' : weekday === 0 || weekday === 6 ? 'weekend' : 'weekday';
      return {
        day,
        weekday,
        workday: workdayByNumber(n, day),
        source,
        kind: mark?.kind ?? null,
        name: mark?.name ?? null,
        national: mine ? theirs : null,
      };
    },
  };
}

/** Every day of a year, for showing the calendar. */
export function daysOfYear(year: number): string[] {
  const out: string[] = [];
  for (let n = dayNumber(`${year}-01-01`), end = dayNumber(`${year + 1}-01-01`); n < end; n++) out.push(dayString(n));
  return out;
}
