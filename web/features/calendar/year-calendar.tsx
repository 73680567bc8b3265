import type { CalendarDayView } from '../../../common/schemas/calendar';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const sourceText = { county: '本县录入', package: '国务院办公厅通知', weekend: '周末', weekday: '工作日' } as const;

function describe(d: CalendarDayView): string {
  const what = d.workday ? (d.kind === 'workday' ? `调休上班（${d.name}）` : '上班') : d.kind === 'holiday' ? `放假（${d.name}）` : '休息';
  const national = d.national ? `；全国安排为${d.national.kind === 'holiday' ? '放假' : '上班'}（${d.national.name}）` : '';
  return `${d.day} ${what} · ${sourceText[d.source]}${national}`;
}

function cellClass(d: CalendarDayView): string {
  const parts = ['cal-day'];
  if (!d.workday && d.kind === 'holiday') parts.push('cal-holiday');
  else if (!d.workday) parts.push('cal-weekend');
  else if (d.kind === 'workday') parts.push('cal-makeup');
  if (d.source === 'county') parts.push('cal-county');
  return parts.join(' ');
}

/** Twelve months of a year: holidays red (休), make-up workdays blue (班), weekends grey, the county's own days framed. */
export function YearCalendar({ days }: { days: CalendarDayView[] }) {
  const months = Array.from({ length: 12 }, (_, m) => days.filter((d) => Number(d.day.slice(5, 7)) === m + 1));
  return (
    <>
      <div className="cal-legend">
        <span className="cal-day cal-holiday">休</span> 放假
        <span className="cal-day cal-makeup">班</span> 调休上班
        <span className="cal-day cal-weekend">六</span> 周末
        <span className="cal-day cal-county">县</span> 本县录入（优先于全国安排）
      </div>
      <div className="cal-year" data-testid="year-calendar">
        {months.map((list, m) => {
          // Monday-first: Sunday (0) goes last.
          const lead = list.length ? (list[0].weekday + 6) % 7 : 0;
          return (
            <div key={m} className="cal-month">
              <div className="cal-month-title">{m + 1} 月</div>
              <div className="cal-grid">
                {WEEK.map((w) => (
                  <div key={w} className="cal-head">{w}</div>
                ))}
                {Array.from({ length: lead }, (_, i) => (
                  <div key={`e${i}`} />
                ))}
                {list.map((d) => (
                  <div key={d.day} className={cellClass(d)} title={describe(d)} data-day={d.day}>
                    {Number(d.day.slice(8))}
                    {d.kind && <span className="cal-mark">{d.kind === 'holiday' ? '休' : '班'}</span>}
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </>
  );
}
