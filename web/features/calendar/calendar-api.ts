import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarAlarm, CalendarEntryInput, CalendarYearView } from '../../../common/schemas/calendar';
import { api } from '../../api/client';

export interface CalendarCounty {
  code: string;
  name: string;
  canManage: boolean;
  coverage: Record<string, 'package' | 'county' | 'missing'>;
}

const base = (county: string) => `/api/calendar/counties/${encodeURIComponent(county)}`;

export const calendarApi = {
  addDays: (county: string, days: CalendarEntryInput[]) => api.post<{ added: number }>(`${base(county)}/days`, { days }),
  removeDay: (county: string, day: string) => api.del(`${base(county)}/days/${day}`),
  declareYear: (county: string, year: number) => api.post<CalendarYearView>(`${base(county)}/years`, { year }),
  withdrawYear: (county: string, year: number) => api.del(`${base(county)}/years/${year}`),
  saveSchedule: (county: string, periods: { start: string; end: string }[]) => api.put<{ periods: { start: string; end: string }[]; hoursPerDay: number }>(`${base(county)}/schedule`, { periods }),
  tryDeadline: (county: string, q: { start: string; amount: number; unit: 'working_hours' | 'calendar_hours' }) =>
    api.get<{ deadline: string; provisional: boolean; warnAt: string }>(`${base(county)}/deadline`, q),
};

/** Which counties lack this year's or next year's holidays; refreshed hourly (the banner in the layout reads it too). */
export function useCalendarAlarm(enabled = true) {
  return useQuery({ queryKey: ['calendar', 'alarms'], queryFn: () => api.get<CalendarAlarm>('/api/calendar/alarms'), enabled, refetchInterval: 3600_000, staleTime: 60_000 });
}

export function useCalendarCounties() {
  return useQuery({ queryKey: ['calendar', 'counties'], queryFn: () => api.get<{ items: CalendarCounty[] }>('/api/calendar/counties') });
}

export function useCalendarYear(county: string | undefined, year: number | undefined) {
  return useQuery({
    queryKey: ['calendar', 'year', county, year],
    queryFn: () => api.get<CalendarYearView>(`${base(county!)}/years/${year}`),
    enabled: !!county && !!year,
  });
}

/** A change to a county's calendar: everything shown from it (year, alarms, coverage) is read again. */
export function useCalendarMutation<I, O = unknown>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['calendar'] }) });
}
