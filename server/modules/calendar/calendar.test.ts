import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceChange } from '../../db/change-feed';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

const AIHUI = '231102000000';
const XUNKE = '231123000000';
const AREA = '231171000000';
let t: TestApp;
let aihui: string;
let xunke: string;
let city: string;
let street: string;
beforeAll(async () => {
  t = await createTestApp();
  [aihui, xunke, city, street] = [await t.login('aihui'), await t.login('xunke'), await t.login('city'), await t.login('huayuan')];
});
afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
const days = (county: string) => `/api/calendar/counties/${county}/days`;
const yearOf = (county: string, y: number) => `/api/calendar/counties/${county}/years/${y}`;
const at = (s: string) => new Date(`${s}+08:00`);
const audits = async (action: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = ${action}`.execute(t.db)).rows[0].n;

describe('a county’s calendar of a year', () => {
  it('shows the national holidays of 2026 with their make-up days, by source', async () => {
    const y = json(await get(yearOf(AIHUI, 2026), aihui));
    expect(y).toMatchObject({ countyName: '爱辉区', year: 2026, coverage: 'package', nationalSource: 'chinese-days 1.5.7', hoursPerDay: 8, canManage: true, declared: null });
    expect(y.days).toHaveLength(365);
    const byDay = new Map(y.days.map((d: { day: string }) => [d.day, d]));
    expect(byDay.get('2026-10-01')).toMatchObject({ workday: false, source: 'package', kind: 'holiday', name: '国庆节' });
    expect(byDay.get('2026-10-10')).toMatchObject({ workday: true, source: 'package', kind: 'workday', weekday: 6 });
    expect(byDay.get('2026-06-06')).toMatchObject({ workday: false, source: 'weekend' });
    expect(y.counts.makeUpWorkdays).toBe(6);
    // The city reads every county's calendar, a street its own county's; neither manages it.
    expect(json(await get(yearOf(XUNKE, 2026), city)).canManage).toBe(false);
    expect(json(await get(yearOf(AIHUI, 2026), street)).canManage).toBe(false);
    expect((await get(yearOf(XUNKE, 2026), street)).statusCode).toBe(403);
    expect(json(await get(yearOf(AIHUI, 2027), aihui)).coverage).toBe('missing');
  });
});

describe('the alarm', () => {
  it('names the counties without next year’s data, and says so loudly from 1 November', async () => {
    const early = json(await get('/api/calendar/alarms', city));
    expect(early).toMatchObject({ currentYear: 2026, nextYear: 2027, loud: false, severity: 'info' });
    expect(early.counties).toHaveLength(7); // six counties and the 五大连池风景名胜区
    expect(early.counties.find((c: { code: string }) => c.code === AREA)).toMatchObject({ missing: [2027] });
    expect(json(await get('/api/calendar/alarms', xunke)).counties.map((c: { code: string }) => c.code)).toEqual([XUNKE]);
    const saved = t.clock.now();
    try {
      // Sessions expire when the clock jumps months: sign in again at each moment.
      t.clock.set('2026-11-01T00:05:00+08:00');
      const late = json(await get('/api/calendar/alarms', await t.login('xunke')));
      expect(late).toMatchObject({ loud: true, severity: 'warning' });
      expect(late.message).toMatch(/12 月上报的事项时限将跨入 2027 年/);
      t.clock.set('2027-03-01T09:00:00+08:00');
      const missing = json(await get('/api/calendar/alarms', await t.login('xunke')));
      expect(missing).toMatchObject({ severity: 'error', counties: [{ code: XUNKE, missing: [2027, 2028] }] });
    } finally {
      t.clock.set(saved);
    }
    expect((await get('/api/calendar/alarms', await t.login('admin'))).statusCode).toBe(403);
  });
});

describe('entering next year', () => {
  it('counts the county’s days at once, and stops being provisional once the year is declared', async () => {
    const cal = () => t.built.calendar.calendarFor(AIHUI);
    expect(cal().deadline(at('2026-12-31T16:00'), { amount: 8, unit: 'working_hours' })).toMatchObject({ provisional: true });
    const before = await audits('calendar.days.add');
    const r = await send('POST', days(AIHUI), aihui, {
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' },
        { day: '2027-01-03', kind: 'holiday', name: '元旦' },
        { day: '2027-02-20', kind: 'workday', name: '春节' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(await audits('calendar.days.add')).toBe(before + 1);
    expect(cal().isWorkday('2027-01-01')).toBe(false);
    expect(cal().isWorkday('2027-02-20')).toBe(true);
    expect(cal().coverage(2027)).toBe('missing');
    // Other counties keep the national calendar.
    expect(t.built.calendar.calendarFor(XUNKE).isWorkday('2027-01-01')).toBe(true);

    const d = await send('POST', `/api/calendar/counties/${AIHUI}/years`, aihui, { year: 2027 });
    expect(d.statusCode, d.body).toBe(201);
    expect(json(d)).toMatchObject({ coverage: 'county', declared: { by: '爱辉区网格中心 李科长' } });
    expect(json(d).entries.map((e: { day: string }) => e.day)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-20']);
    const dl = cal().deadline(at('2026-12-31T16:00'), { amount: 8, unit: 'working_hours' });
    expect(dl).toMatchObject({ provisional: false, at: at('2027-01-04T16:00') });
    expect(json(await get('/api/calendar/alarms', aihui)).counties).toEqual([]);
    expect(await audits('calendar.year.declare')).toBe(1);
    expect(t.built.calendar.calendarOf('231102001000').coverage(2027)).toBe('county');

    // Withdrawing the declaration makes the year missing again; removing a day undoes it.
    expect((await send('DELETE', yearOf(AIHUI, 2027), aihui)).statusCode).toBe(204);
    expect(cal().coverage(2027)).toBe('missing');
    expect((await send('DELETE', `${days(AIHUI)}/2027-02-20`, aihui)).statusCode).toBe(204);
    expect(cal().isWorkday('2027-02-20')).toBe(false);
    expect(await audits('calendar.days.remove')).toBe(1);
    expect(await audits('calendar.year.withdraw')).toBe(1);
  });

  it('lets a county make a day of a covered year a holiday or a workday', async () => {
    const r = await send('POST', days(XUNKE), xunke, { days: [{ day: '2026-10-10', kind: 'holiday', name: '本县调整' }, { day: '2026-06-13', kind: 'workday', name: '防汛补班' }] });
    expect(r.statusCode, r.body).toBe(201);
    const y = json(await get(yearOf(XUNKE, 2026), xunke));
    expect(y.days.find((x: { day: string }) => x.day === '2026-10-10')).toMatchObject({ workday: false, source: 'county', national: { kind: 'workday', name: '国庆节' } });
    const tried = json(await get(`/api/calendar/counties/${XUNKE}/deadline?start=${encodeURIComponent('2026-06-12T15:00:00+08:00')}&amount=8&unit=working_hours`, xunke));
    expect(tried).toMatchObject({ deadline: at('2026-06-13T15:00').toISOString(), provisional: false, warnAt: at('2026-06-13T11:30').toISOString() });
  });
});

describe('refusals', () => {
  it('gives Chinese 4xx for bad dates, duplicates, years out of range and other counties, and changes nothing', async () => {
    const cases: [number, () => Promise<{ statusCode: number; body: string }>, RegExp][] = [
      [400, () => send('POST', days(AIHUI), aihui, { days: [{ day: '2027-02-30', kind: 'holiday', name: '春节' }] }), /日期不存在/],
      [400, () => send('POST', days(AIHUI), aihui, { days: [{ day: '2027/10/01', kind: 'holiday', name: '国庆节' }] }), /YYYY-MM-DD/],
      [400, () => send('POST', days(AIHUI), aihui, { days: [{ day: '2101-01-01', kind: 'holiday', name: '元旦' }] }), /2000 年至 2100 年/],
      [400, () => send('POST', days(AIHUI), aihui, { days: [{ day: '2027-10-01', kind: 'rest', name: '国庆节' }] }), /holiday/],
      [400, () => send('POST', days(AIHUI), aihui, { days: [] }), /至少录入一天/],
      [409, () => send('POST', days(AIHUI), aihui, { days: [{ day: '2027-10-01', kind: 'holiday', name: '国庆节' }, { day: '2027-10-01', kind: 'holiday', name: '国庆节' }] }), /同一天录入了两次/],
      [409, () => send('POST', days(AIHUI), aihui, { days: [{ day: '2027-10-02', kind: 'holiday', name: '国庆节' }, { day: '2027-01-01', kind: 'holiday', name: '元旦' }] }), /已录入.*2027-01-01/],
      [400, () => send('POST', `/api/calendar/counties/${AIHUI}/years`, aihui, { year: 1999 }), /2000 至 2100/],
      [400, () => get(yearOf(AIHUI, 2101), aihui), /2000 至 2100/],
      [422, () => send('POST', `/api/calendar/counties/${AIHUI}/years`, aihui, { year: 2026 }), /已内置/],
      [422, () => send('POST', `/api/calendar/counties/${AIHUI}/years`, aihui, { year: 2028 }), /尚未录入任何放假日期/],
      [403, () => send('POST', days(AIHUI), xunke, { days: [{ day: '2027-10-01', kind: 'holiday', name: '国庆节' }] }), /只能维护本县/],
      [403, () => send('POST', days(AIHUI), street, { days: [{ day: '2027-10-01', kind: 'holiday', name: '国庆节' }] }), /无权维护工作日历/],
      [403, () => send('POST', days(AIHUI), city, { days: [{ day: '2027-10-01', kind: 'holiday', name: '国庆节' }] }), /无权/],
      [404, () => send('POST', days('231102001000'), aihui, { days: [{ day: '2027-10-01', kind: 'holiday', name: '国庆节' }] }), /没有代码为/],
      [404, () => send('DELETE', `${days(AIHUI)}/2027-05-01`, aihui), /没有录入/],
      [404, () => send('DELETE', yearOf(AIHUI, 2029), aihui), /尚未确认/],
      [400, () => send('PUT', `/api/calendar/counties/${AIHUI}/schedule`, aihui, { periods: [{ start: '13:30', end: '12:00' }] }), /早于结束/],
      [400, () => get(`/api/calendar/counties/${AIHUI}/deadline?start=yesterday&amount=8&unit=working_hours`, aihui), /开始时间/],
    ];
    const before = json(await get(yearOf(AIHUI, 2027), aihui)).entries;
    for (const [status, call, message] of cases) {
      const r = await call();
      expect(r.statusCode, r.body).toBe(status);
      expect(JSON.parse(r.body).error.message).toMatch(message);
    }
    expect(json(await get(yearOf(AIHUI, 2027), aihui)).entries).toEqual(before);
  });
});

describe('the daily schedule', () => {
  it('is the county’s own, counted at once', async () => {
    const r = await send('PUT', `/api/calendar/counties/${XUNKE}/schedule`, xunke, { periods: [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ hoursPerDay: 7.5 });
    expect(t.built.calendar.calendarFor(XUNKE).deadline(at('2026-06-02T08:00'), { amount: 8, unit: 'working_hours' }).at).toEqual(at('2026-06-03T09:00'));
    expect(t.built.calendar.calendarFor(AIHUI).hoursPerDay).toBe(8);
    expect(await audits('calendar.schedule')).toBe(1);
  });
});

describe('the cache', () => {
  it('follows a change written by another process once it is announced', async () => {
    const user = (await t.db.selectFrom('users').select('id').where('username', '=', 'nenjiang').executeTakeFirstOrThrow()).id;
    const NENJIANG = '231183000000';
    await t.db.insertInto('calendar_days').values({ county_code: NENJIANG, day: '2026-07-01', kind: 'holiday', name: '命令行录入', entered_by: user, entered_at: new Date() }).execute();
    expect(t.built.calendar.calendarFor(NENJIANG).isWorkday('2026-07-01')).toBe(true);
    await announceChange(t.db, 'calendar');
    await t.built.feed.refresh('calendar');
    expect(t.built.calendar.calendarFor(NENJIANG).isWorkday('2026-07-01')).toBe(false);
  });
});

const onPostgres = !!process.env.TEST_DATABASE_URL;
describe.skipIf(!onPostgres)('two app processes on one PostgreSQL database', () => {
  it('a day entered through one is counted by the other within a second', async () => {
    const peer = await createTestApp({ peerOf: t });
    try {
      const SUNWU = '231124000000';
      expect(peer.built.calendar.calendarFor(SUNWU).isWorkday('2026-08-03')).toBe(true);
      const r = await send('POST', days(SUNWU), await t.login('sunwu'), { days: [{ day: '2026-08-03', kind: 'holiday', name: '本县放假' }] });
      expect(r.statusCode, r.body).toBe(201);
      const t0 = Date.now();
      while (peer.built.calendar.calendarFor(SUNWU).isWorkday('2026-08-03')) {
        if (Date.now() - t0 > 1000) throw new Error('the peer did not follow within a second');
        await new Promise((res) => setTimeout(res, 20));
      }
    } finally {
      await peer.close();
    }
  });
});
