/** Calendar days as 'YYYY-MM-DD' text, counted in UTC so no time zone or clock enters the generator. */

const parse = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return format(parse(day) + n * 86_400_000);
}

/** Same day of the month n months later, clamped to the month's last day (01-31 + 1 month → 02-28). */
export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return format(Date.UTC(year, month, Math.min(Number(day.slice(8, 10)), last)));
}

export const addYears = (day: string, n: number): string => addMonths(day, 12 * n);

export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to) - parse(from)) / 86_400_000);
}

/** A uniformly drawn day in [from, to] (both inclusive). */
export function dayBetween(from: string, to: string, u: number): string {
  const span = Math.max(0, daysBetween(from, to));
  return addDays(from, Math.min(span, Math.floor(u * (span + 1))));
}

export const minDay = (a: string, b: string): string => (a < b ? a : b);
export const maxDay = (a: string, b: string): string => (a > b ? a : b);

/** Working days (Monday to Friday) from `from` to `to`, both inclusive. */
export function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const w = new Date(parse(d)).getUTCDay();
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

/** The moment a day's event is stamped with, China Standard Time (the platform's days). */
export function momentOf(day: string, time = '09:00'): Date {
  return new Date(`${day}T${time}:00+08:00`);
}
