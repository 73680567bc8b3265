/**
 * Time limits of matters are counted on a working calendar (Art. 21, 限时办结): weekends, the public
 * holidays of the State Council and their 调休 make-up workdays, overridable by each county.
 *
 * This file is the contract the matters loop codes against; the implementation and the county
 * overrides live beside it.
 */
export type LimitUnit = 'working_hours' | 'calendar_hours';
export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
}

export interface Deadline {
  at: Date;
  /**
   * True when the limit runs into a year the calendar has no holiday data for: the deadline was
   * counted Monday–Friday as a stop-gap and must be recomputed once the county enters that year.
   */
  provisional: boolean;
}

export interface WorkingCalendar {
  /** When a step that started at `start` with this limit must be done. */
  deadline(start: Date, limit: TimeLimit): Deadline;
  /** When `share` (e.g. 0.75) of the limit has passed: the yellow warning (黄灯). */
  warnAt(start: Date, limit: TimeLimit, share: number): Deadline;
  isWorkday(day: string): boolean;
  /** Where a year's holidays come from, or that it has none. */
  coverage(year: number): 'package' | 'county' | 'missing';
}
