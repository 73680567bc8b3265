import { z } from 'zod';
import { FIRST_YEAR, isCalendarDay, LAST_YEAR, scheduleProblem } from '../domain/working-calendar-impl';
import { isoMoment } from './common';
import { nameText } from './text';

/** A day written YYYY-MM-DD that exists (no 02-30), from 2000 to 2100. */
export const CalendarDaySchema = z
  .string({ error: '日期必须是文字' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD，如 2027-10-01', abort: true })
  .superRefine((s, ctx) => {
    if (isCalendarDay(s)) return;
    const y = Number(s.slice(0, 4));
    ctx.addIssue({ code: 'custom', message: y < FIRST_YEAR || y > LAST_YEAR ? `日期应在 ${FIRST_YEAR} 年至 ${LAST_YEAR} 年之间：${s}` : `日期不存在：${s}` });
  });

export const CalendarYearSchema = z
  .number({ error: '年份必须是整数' })
  .int('年份必须是整数')
  .min(FIRST_YEAR, `年份应在 ${FIRST_YEAR} 至 ${LAST_YEAR} 之间`)
  .max(LAST_YEAR, `年份应在 ${FIRST_YEAR} 至 ${LAST_YEAR} 之间`);

/** A year in a path: digits only. */
export const CalendarYearParamSchema = z
  .string()
  .regex(/^\d{4}$/, '年份必须是四位数字')
  .transform(Number)
  .pipe(CalendarYearSchema);

export const DayKindSchema = z.enum(['holiday', 'workday'], { error: '类型必须是 holiday（放假）或 workday（上班）' });
export const dayKindLabels = { holiday: '放假', workday: '上班（调休）' } as const;

export const CalendarEntryInputSchema = z.object({
  day: CalendarDaySchema,
  kind: DayKindSchema,
  name: nameText('名称', 1, 30),
});
export type CalendarEntryInput = z.infer<typeof CalendarEntryInputSchema>;

/** Days entered together (a holiday period and its make-up days): all or none. */
export const CalendarEntriesInputSchema = z.object({
  days: z.array(CalendarEntryInputSchema, { error: '请提交要录入的日期' }).min(1, '至少录入一天').max(120, '一次最多录入 120 天'),
});

export const DeclareYearSchema = z.object({ year: CalendarYearSchema });

const TimeSchema = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, '时间格式应为 HH:MM，如 08:00');
export const WorkScheduleSchema = z.object({
  periods: z
    .array(z.object({ start: TimeSchema, end: TimeSchema }))
    .superRefine((p, ctx) => {
      const problem = scheduleProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type WorkScheduleInput = z.infer<typeof WorkScheduleSchema>;

/** Trying a limit out on a county's calendar (试算). */
export const DeadlineQuerySchema = z.object({
  start: isoMoment('开始时间'),
  amount: z
    .string()
    .regex(/^\d+(\.\d+)?$/, '时限必须是非负数')
    .transform(Number)
    .pipe(z.number().max(10_000, '时限不超过 10000 小时')),
  unit: z.enum(['working_hours', 'calendar_hours'], { error: '单位必须是 working_hours（工作小时）或 calendar_hours（自然小时）' }),
});

export const coverageLabels = { package: '国务院办公厅通知（内置数据）', county: '本县录入', missing: '缺少数据' } as const;
export const daySourceLabels = { county: '本县录入', package: '国务院办公厅通知', weekend: '周末', weekday: '工作日' } as const;

export interface CalendarDayView {
  day: string;
  weekday: number;
  workday: boolean;
  source: keyof typeof daySourceLabels;
  kind: 'holiday' | 'workday' | null;
  name: string | null;
  national: { kind: 'holiday' | 'workday'; name: string } | null;
}

export interface CalendarEntryView {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  enteredBy: string;
  enteredAt: string;
}

export interface CalendarYearView {
  countyCode: string;
  countyName: string;
  year: number;
  coverage: keyof typeof coverageLabels;
  nationalSource: string;
  declared: { by: string; at: string } | null;
  schedule: { start: string; end: string }[];
  hoursPerDay: number;
  counts: { workdays: number; holidays: number; makeUpWorkdays: number };
  days: CalendarDayView[];
  entries: CalendarEntryView[];
  canManage: boolean;
}

export interface CalendarAlarm {
  today: string;
  currentYear: number;
  nextYear: number;
  /** From 1 November the next year's gap is urgent: matters reported in December run into it. */
  loud: boolean;
  severity: 'none' | 'info' | 'warning' | 'error';
  message: string;
  counties: { code: string; name: string; missing: number[] }[];
}
