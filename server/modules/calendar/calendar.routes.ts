import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarDaySchema, CalendarEntriesInputSchema, CalendarYearParamSchema, DeadlineQuerySchema, DeclareYearSchema, WorkScheduleSchema } from '../../../common/schemas/calendar';
import { DivisionCodeSchema } from '../../../common/schemas/common';
import { requireActor } from '../access/access.policy';
import type { CalendarService } from './calendar.service';

/** The county centres' working calendars (Art. 21): holidays, make-up workdays, schedules, alarms. */
export function calendarRoutes(app: FastifyInstance, s: CalendarService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['工作日历'];
  const county = z.object({ county: DivisionCodeSchema });
  const base = '/api/calendar/counties/:county';

  r.get('/api/calendar/alarms', { schema: { tags, summary: '缺少本年或下一年节假日数据的县（市、区）（11 月起为紧急提醒）' } }, async (req) => s.alarms(requireActor(req.actor)));
  r.get('/api/calendar/counties', { schema: { tags, summary: '可查看的县（市、区）及其本年、下一年节假日数据来源' } }, async (req) => s.counties(requireActor(req.actor)));
  r.get(`${base}/years/:year`, { schema: { tags, summary: '某县某年的工作日历：每一天是否上班及其来源', params: county.extend({ year: CalendarYearParamSchema }) } }, async (req) =>
    s.year(requireActor(req.actor), req.params.county, req.params.year),
  );
  r.post(`${base}/days`, { schema: { tags, summary: '录入本县的放假日或调休上班日（一次提交的日期同时生效）', params: county, body: CalendarEntriesInputSchema } }, async (req, reply) =>
    reply.status(201).send(await s.addDays(requireActor(req.actor), req.params.county, req.body.days)),
  );
  r.delete(`${base}/days/:day`, { schema: { tags, summary: '删除本县录入的一天', params: county.extend({ day: CalendarDaySchema }) } }, async (req, reply) => {
    await s.removeDay(requireActor(req.actor), req.params.county, req.params.day);
    return reply.status(204).send();
  });
  r.post(`${base}/years`, { schema: { tags, summary: '确认某年（内置数据没有的年份）的节假日已录入完成', params: county, body: DeclareYearSchema } }, async (req, reply) => {
    await s.declareYear(requireActor(req.actor), req.params.county, req.body.year);
    return reply.status(201).send(await s.year(requireActor(req.actor), req.params.county, req.body.year));
  });
  r.delete(`${base}/years/:year`, { schema: { tags, summary: '撤回某年的录入完成确认', params: county.extend({ year: CalendarYearParamSchema }) } }, async (req, reply) => {
    await s.withdrawYear(requireActor(req.actor), req.params.county, req.params.year);
    return reply.status(204).send();
  });
  r.put(`${base}/schedule`, { schema: { tags, summary: '设置本县每天的工作时段（默认 08:00–12:00、13:30–17:30）', params: county, body: WorkScheduleSchema } }, async (req) =>
    s.saveSchedule(requireActor(req.actor), req.params.county, req.body.periods),
  );
  r.get(`${base}/deadline`, { schema: { tags, summary: '试算：按本县工作日历计算时限的截止时间与 75% 预警时间', params: county, querystring: DeadlineQuerySchema } }, async (req) =>
    s.tryDeadline(requireActor(req.actor), req.params.county, new Date(req.query.start), { amount: req.query.amount, unit: req.query.unit }),
  );
}
