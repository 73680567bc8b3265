import { Alert, Button } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { CalendarAlarm } from '../../../common/schemas/calendar';
import { useMe } from '../auth/auth-api';
import { useCalendarAlarm } from './calendar-api';

const alertType = { error: 'error', warning: 'warning', info: 'info' } as const;

/** The alarm of a missing holiday year, as the calendar page shows it. */
export function CalendarAlarmAlert({ alarm, action }: { alarm: CalendarAlarm | undefined; action?: React.ReactNode }) {
  if (!alarm || alarm.severity === 'none') return null;
  return (
    <Alert
      data-testid="calendar-alarm"
      type={alertType[alarm.severity]}
      showIcon
      banner={alarm.loud}
      title={alarm.severity === 'error' ? '缺少本年节假日数据' : alarm.loud ? `请尽快录入 ${alarm.nextYear} 年节假日安排` : `${alarm.nextYear} 年节假日安排尚未录入`}
      description={alarm.message}
      action={action}
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * A thin banner above every page for a county centre whose calendar lacks this year, or (from
 * 1 November) next year: deadlines counted there are only provisional.
 */
export function CalendarLayoutBanner() {
  const { data: me } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const enabled = !!me?.permissions.includes('calendar.manage');
  const alarm = useCalendarAlarm(enabled).data;
  if (!enabled || !alarm || location.pathname.startsWith('/calendar')) return null;
  if (alarm.severity !== 'error' && alarm.severity !== 'warning') return null;
  return (
    <Alert
      data-testid="calendar-banner"
      banner
      type={alarm.severity}
      title={alarm.message}
      action={
        <Button size="small" onClick={() => navigate('/calendar')}>
          去录入
        </Button>
      }
    />
  );
}
