import { afterEach, describe, expect, it } from 'vitest';
import { nationalCalendar } from './public-holidays';
import type { TimeLimit } from './working-calendar';
import { createWorkingCalendar, cstDay, cstMoment, daysOfYear, DEFAULT_SCHEDULE, isCalendarDay, scheduleProblem } from './working-calendar-impl';

const at = (s: string) => new Date(`${s}+08:00`);
const cst = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const wh = (amount: number): TimeLimit => ({ amount, unit: 'working_hours' });
const ch = (amount: number): TimeLimit => ({ amount, unit: 'calendar_hours' });
const national = createWorkingCalendar();

describe('the national calendar from chinese-days', () => {
  it('has 2026 with National Day 10-01…10-07 and the make-up Saturday 10-10, and no 2027', () => {
    for (let d = 1; d <= 7; d++) expect(national.isWorkday(`2026-10-0${d}`)).toBe(false);
    expect(national.isWorkday('2026-10-08')).toBe(true);
    expect(national.isWorkday('2026-10-10')).toBe(true); // a Saturday worked for National Day
    expect(national.dayInfo('2026-10-10')).toMatchObject({ weekday: 6, workday: true, source: 'package', kind: 'workday', name: '国庆节' });
    expect(national.dayInfo('2026-10-01')).toMatchObject({ source: 'package', kind: 'holiday', name: '国庆节' });
    expect(national.coverage(2026)).toBe('package');
    expect(national.coverage(2004)).toBe('package');
    expect(national.coverage(2027)).toBe('missing');
    // Without data the package (and the stop-gap) call New Year's Day 2027 a workday.
    expect(national.isWorkday('2027-01-01')).toBe(true);
    expect(nationalCalendar.source).toBe('chinese-days 1.5.7');
  });
});

describe('working hours', () => {
  it('skip a weekend', () => {
    expect(national.isWorkday('2026-06-06')).toBe(false);
    expect(national.isWorkday('2026-06-07')).toBe(false);
    expect(national.dayInfo('2026-06-06')).toMatchObject({ source: 'weekend', workday: false, kind: null });
    // Started on Saturday morning: counting begins Monday 08:00.
    expect(cst(national.deadline(at('2026-06-06T10:00'), wh(8)).at)).toBe('2026-06-08 17:30');
  });

  it('carry a step started on a Friday afternoon over the weekend', () => {
    const d = national.deadline(at('2026-06-05T15:00'), wh(8));
    expect(cst(d.at)).toBe('2026-06-08 15:00'); // 2.5 h on Friday, 4 + 1.5 h on Monday
    expect(d.provisional).toBe(false);
    expect(cst(national.deadline(at('2026-06-05T16:00'), wh(4)).at)).toBe('2026-06-08 10:30');
  });

  it('skip the National Day holiday of 2026 and count its make-up Saturday', () => {
    // 7 h on 09-30, none 10-01…10-07, 8 h on 10-08 and 10-09, then Saturday 10-10 is worked.
    expect(cst(national.deadline(at('2026-09-30T09:00'), wh(24)).at)).toBe('2026-10-10 09:00');
    expect(cst(national.deadline(at('2026-10-09T09:00'), wh(16)).at)).toBe('2026-10-12 09:00');
    // Started on a holiday: counting begins on the first working day after it.
    expect(cst(national.deadline(at('2026-10-03T11:00'), wh(2)).at)).toBe('2026-10-08 10:00');
  });

  it('start counting at the next working period when started at night, early or at lunch', () => {
    expect(cst(national.deadline(at('2026-06-02T20:00'), wh(2)).at)).toBe('2026-06-03 10:00');
    expect(cst(national.deadline(at('2026-06-02T06:30'), wh(4)).at)).toBe('2026-06-02 12:00');
    expect(cst(national.deadline(at('2026-06-02T12:30'), wh(1)).at)).toBe('2026-06-02 14:30');
    expect(cst(national.deadline(at('2026-06-02T11:00'), wh(2)).at)).toBe('2026-06-02 14:30');
    // A limit used up exactly at the end of the day ends then, not the next morning.
    expect(cst(national.deadline(at('2026-06-02T08:00'), wh(8)).at)).toBe('2026-06-02 17:30');
    expect(cst(national.deadline(at('2026-06-02T17:45'), wh(0.5)).at)).toBe('2026-06-03 08:30');
  });

  it('count on a county schedule other than the default', () => {
    const cal = createWorkingCalendar({ schedule: [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    expect(cal.hoursPerDay).toBe(7.5);
    expect(national.hoursPerDay).toBe(8);
    expect(cst(cal.deadline(at('2026-06-02T08:00'), wh(8)).at)).toBe('2026-06-03 09:00');
  });
});

describe('calendar hours', () => {
  it('run through nights and holidays: the 24-hour verification across National Day', () => {
    const d = national.deadline(at('2026-09-30T18:00'), ch(24));
    expect(cst(d.at)).toBe('2026-10-01 18:00');
    expect(d.provisional).toBe(false);
    expect(cst(national.deadline(at('2026-12-31T20:00'), ch(24)).at)).toBe('2027-01-01 20:00');
    expect(national.deadline(at('2026-12-31T20:00'), ch(24)).provisional).toBe(false);
  });
});

describe('a year without data', () => {
  it('is counted Monday–Friday and marked provisional', () => {
    const d = national.deadline(at('2026-12-31T16:00'), wh(8));
    expect(cst(d.at)).toBe('2027-01-01 16:00');
    expect(d.provisional).toBe(true);
    // A limit that ends before the year turns is not provisional.
    expect(national.deadline(at('2026-12-31T16:00'), wh(1.5)).provisional).toBe(false);
  });

  it('counts the county’s days once it has entered the year', () => {
    const entries = [
      { day: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      { day: '2027-01-02', kind: 'holiday' as const, name: '元旦' },
      { day: '2027-01-03', kind: 'holiday' as const, name: '元旦' },
    ];
    const enteredOnly = createWorkingCalendar({ entries });
    expect(enteredOnly.isWorkday('2027-01-01')).toBe(false);
    // Entries alone do not make the year complete: still provisional until declared.
    expect(enteredOnly.deadline(at('2026-12-31T16:00'), wh(8))).toMatchObject({ provisional: true });
    const cal = createWorkingCalendar({ entries, enteredYears: [2027] });
    expect(cal.coverage(2027)).toBe('county');
    const d = cal.deadline(at('2026-12-31T16:00'), wh(8));
    expect(cst(d.at)).toBe('2027-01-04 16:00');
    expect(d.provisional).toBe(false);
  });
});

describe('a county’s own entries', () => {
  it('make a day a holiday or a workday, over the national data', () => {
    const cal = createWorkingCalendar({
      entries: [
        { day: '2026-06-08', kind: 'holiday', name: '防汛停工' },
        { day: '2026-06-13', kind: 'workday', name: '补班' },
        { day: '2026-10-10', kind: 'holiday', name: '本县调整' },
      ],
    });
    expect(cst(cal.deadline(at('2026-06-05T15:00'), wh(8)).at)).toBe('2026-06-09 15:00');
    expect(cal.isWorkday('2026-06-13')).toBe(true);
    expect(cst(cal.deadline(at('2026-06-12T15:00'), wh(8)).at)).toBe('2026-06-13 15:00');
    expect(cal.isWorkday('2026-10-10')).toBe(false);
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ source: 'county', kind: 'holiday', name: '本县调整', national: { kind: 'workday', name: '国庆节' } });
    // Other counties keep the national day.
    expect(national.isWorkday('2026-10-10')).toBe(true);
  });
});

describe('warnAt', () => {
  it('is the moment 75 % of the limit has passed, counted the same way', () => {
    expect(cst(national.warnAt(at('2026-06-05T15:00'), wh(8), 0.75).at)).toBe('2026-06-08 11:30');
    expect(cst(national.warnAt(at('2026-09-30T18:00'), ch(24), 0.75).at)).toBe('2026-10-01 12:00');
    expect(national.warnAt(at('2026-12-31T16:00'), wh(8), 0.75)).toMatchObject({ provisional: true });
    expect(() => national.warnAt(at('2026-06-05T15:00'), wh(8), 1.5)).toThrow(RangeError);
  });
});

describe('time zones', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('give the same answers whatever the process time zone', () => {
    const answers = new Set<string>();
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Berlin']) {
      process.env.TZ = tz;
      const start = at('2026-09-30T23:30');
      answers.add(
        [
          national.deadline(start, wh(9)).at.toISOString(),
          national.warnAt(start, wh(9), 0.75).at.toISOString(),
          cstDay(start),
          cstMoment('2026-10-10', '08:00').toISOString(),
          String(national.isWorkday('2026-10-10')),
        ].join(' '),
      );
    }
    expect([...answers]).toEqual(['2026-10-09T01:00:00.000Z 2026-10-08T08:15:00.000Z 2026-09-30 2026-10-10T00:00:00.000Z true']);
  });
});

describe('input checks', () => {
  it('refuse bad days, limits and schedules', () => {
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('1999-12-31')).toBe(false);
    expect(() => national.isWorkday('2026-13-01')).toThrow(RangeError);
    expect(() => national.deadline(at('2026-06-02T08:00'), wh(-1))).toThrow(RangeError);
    expect(national.deadline(at('2026-06-02T20:00'), wh(0)).at.toISOString()).toBe(at('2026-06-02T20:00').toISOString());
    expect(scheduleProblem(DEFAULT_SCHEDULE)).toBeNull();
    expect(scheduleProblem([])).toMatch(/至少/);
    expect(scheduleProblem([{ start: '13:00', end: '12:00' }])).toMatch(/早于/);
    expect(scheduleProblem([{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }])).toMatch(/先后/);
    expect(scheduleProblem([{ start: '8:00', end: '12:00' }])).toMatch(/HH:MM/);
    expect(() => createWorkingCalendar({ entries: Array.from({ length: 3700 }, (_, i) => ({ day: new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10), kind: 'holiday' as const, name: '全停' })) }).deadline(at('2026-06-02T08:00'), wh(1))).toThrow(/十年/);
    expect(daysOfYear(2026)).toHaveLength(365);
    expect(daysOfYear(2028)).toHaveLength(366);
  });
});
