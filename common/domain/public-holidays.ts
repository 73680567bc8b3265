/**
 * The national public holidays and 调休 make-up workdays as the State Council's General Office
 * publishes them each year (国务院办公厅关于部分节假日安排的通知), from the npm package
 * chinese-days 1.5.7 (MIT, data for 2004–2026). Its data file is imported rather than read at run
 * time, so esbuild (scripts/build-server.mjs bundles this package) and Vite carry it inside the
 * build. A newer notice arrives either with a newer package or as a county's own entries.
 */
import data from 'chinese-days/dist/chinese-days.json';

export type DayKind = 'holiday' | 'workday';
export interface DayMark {
  kind: DayKind;
  /** Chinese name of the holiday (a make-up workday carries the name of the holiday it makes up for). */
  name: string;
}

/** The built-in national calendar: marked days and the years it has data for (every year has holidays). */
export interface NationalCalendar {
  source: string;
  days: ReadonlyMap<string, DayMark>;
  years: ReadonlySet<number>;
}

/** The package's values read "National Day,国庆节,3": English name, Chinese name, length of the holiday. */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts[1] ?? parts[0] ?? '').trim() || '节假日';
}

function load(): NationalCalendar {
  const days = new Map<string, DayMark>();
  const years = new Set<number>();
  for (const [day, v] of Object.entries(data.holidays as Record<string, string>)) {
    days.set(day, { kind: 'holiday', name: chineseName(v) });
    years.add(Number(day.slice(0, 4)));
  }
  for (const [day, v] of Object.entries(data.workdays as Record<string, string>)) {
    days.set(day, { kind: 'workday', name: chineseName(v) });
  }
  return { source: 'chinese-days 1.5.7', days, years };
}

export const nationalCalendar: NationalCalendar = load();
