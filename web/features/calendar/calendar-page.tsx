import { App, Button, Card, Descriptions, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CalendarEntryView, CalendarYearView } from '../../../common/schemas/calendar';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { CalendarAlarmAlert } from './calendar-alarm';
import { calendarApi, useCalendarAlarm, useCalendarCounties, useCalendarMutation, useCalendarYear } from './calendar-api';
import { HolidayEntryForm } from './holiday-entry-form';
import { DeadlineTryCard, ScheduleCard } from './schedule-card';
import { YearCalendar } from './year-calendar';

const coverageTag = {
  package: <Tag color="green">国务院办公厅通知（内置数据）</Tag>,
  county: <Tag color="blue">本县录入并确认完成</Tag>,
  missing: <Tag color="red">缺少数据：按周一至周五临时计算</Tag>,
};
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * 工作日历: the days on which a county's matter deadlines are counted (Art. 21, 限时办结) — the
 * national holidays and make-up workdays, the county's own days, its daily working periods — and
 * where next year's arrangement is entered once the State Council publishes it.
 */
export function CalendarPage() {
  const alarm = useCalendarAlarm().data;
  const counties = useCalendarCounties();
  const [county, setCounty] = useState<string>();
  const [year, setYear] = useState<number>();
  useEffect(() => {
    if (!county && counties.data?.items.length) setCounty((counties.data.items.find((c) => c.canManage) ?? counties.data.items[0]).code);
  }, [counties.data, county]);
  useEffect(() => {
    if (!year && alarm) setYear(alarm.currentYear);
  }, [alarm, year]);
  const view = useCalendarYear(county, year);
  const v = view.data;
  const mine = counties.data?.items.find((c) => c.code === county);
  const needsNext = !!alarm && !!mine?.canManage && alarm.counties.some((c) => c.code === county && c.missing.includes(alarm.nextYear));

  return (
    <div className="page">
      <Typography.Title level={4} style={{ margin: 0 }}>工作日历</Typography.Title>
      <Typography.Paragraph type="secondary">
        网格事项实行限时办结（条例第二十一条）：按工作日计的时限跳过周末、法定节假日，并计入调休上班日。全国安排来自国务院办公厅的通知（内置数据），本县录入的日期优先。
      </Typography.Paragraph>
      <CalendarAlarmAlert
        alarm={alarm}
        action={needsNext && year !== alarm!.nextYear ? <Button size="small" onClick={() => setYear(alarm!.nextYear)}>录入 {alarm!.nextYear} 年</Button> : undefined}
      />
      <ErrorAlert error={counties.error ?? view.error} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        {(counties.data?.items.length ?? 0) > 1 && (
          <Select style={{ width: 200 }} value={county} onChange={setCounty} aria-label="县（市、区）" options={counties.data!.items.map((c) => ({ value: c.code, label: c.name }))} />
        )}
        {alarm && (
          <Segmented<number>
            value={year}
            onChange={setYear}
            options={[alarm.currentYear - 1, alarm.currentYear, alarm.nextYear, alarm.nextYear + 1].map((y) => ({ value: y, label: `${y} 年` }))}
          />
        )}
      </Space>
      {v && county && <YearView v={v} county={county} />}
    </div>
  );
}

function YearView({ v, county }: { v: CalendarYearView; county: string }) {
  const { message } = App.useApp();
  const declare = useCalendarMutation(() => calendarApi.declareYear(county, v.year));
  const withdraw = useCalendarMutation(() => calendarApi.withdrawYear(county, v.year));
  const remove = useCalendarMutation((day: string) => calendarApi.removeDay(county, day));
  const holidaysEntered = v.entries.some((e) => e.kind === 'holiday');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={`${v.countyName} ${v.year} 年`} extra={coverageTag[v.coverage]} data-testid="calendar-summary">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'w', label: '工作日', children: `${v.counts.workdays} 天` },
            { key: 'h', label: '放假（含节日中的周末）', children: `${v.counts.holidays} 天` },
            { key: 'm', label: '周末调休上班', children: `${v.counts.makeUpWorkdays} 天` },
            { key: 's', label: '全国安排', children: v.coverage === 'package' ? `内置（${v.nationalSource}）` : '内置数据没有这一年' },
            { key: 'd', label: '本县确认录入完成', children: v.declared ? `${v.declared.by} · ${fmtDateTime(v.declared.at)}` : '—' },
          ]}
        />
        {v.canManage && v.coverage !== 'package' && (
          <Space style={{ marginTop: 8 }}>
            {!v.declared ? (
              <Popconfirm
                title={`确认 ${v.year} 年的放假和调休上班日期已全部录入？`}
                description="确认后，跨入这一年的事项时限不再是临时时限。"
                okText="确认"
                cancelText="取消"
                onConfirm={() => declare.mutate(undefined, { onSuccess: () => message.success(`已确认 ${v.year} 年录入完成`) })}
              >
                <Button type="primary" disabled={!holidaysEntered} loading={declare.isPending}>
                  确认 {v.year} 年录入完成
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm title="撤回确认？撤回后这一年的时限重新按临时时限计算。" okText="撤回" cancelText="取消" onConfirm={() => withdraw.mutate(undefined)}>
                <Button loading={withdraw.isPending}>撤回确认</Button>
              </Popconfirm>
            )}
            {!holidaysEntered && <Typography.Text type="secondary">先录入放假日期，再确认完成</Typography.Text>}
          </Space>
        )}
        <ErrorAlert error={declare.error ?? withdraw.error ?? remove.error} style={{ marginTop: 8 }} />
      </Card>
      <YearCalendar days={v.days} />
      {v.canManage && <HolidayEntryForm county={county} year={v.year} />}
      <Card size="small" title="本县录入的日期">
        <Table<CalendarEntryView>
          size="small"
          rowKey="day"
          pagination={false}
          dataSource={v.entries}
          locale={{ emptyText: '本县这一年没有录入的日期' }}
          columns={[
            { title: '日期', dataIndex: 'day', width: 120 },
            { title: '星期', key: 'wd', width: 60, render: (_, e) => WEEKDAYS[new Date(`${e.day}T00:00:00Z`).getUTCDay()] },
            { title: '类型', dataIndex: 'kind', width: 110, render: (k: string) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">上班（调休）</Tag>) },
            { title: '名称', dataIndex: 'name' },
            { title: '录入', key: 'by', render: (_, e) => `${e.enteredBy} · ${fmtDateTime(e.enteredAt)}` },
            ...(v.canManage
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 70,
                    render: (_: unknown, e: CalendarEntryView) => (
                      <Popconfirm title={`删除 ${e.day}（${e.name}）？`} okText="删除" cancelText="取消" onConfirm={() => remove.mutate(e.day)}>
                        <Button size="small" type="link" danger>删除</Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ScheduleCard county={county} periods={v.schedule} hoursPerDay={v.hoursPerDay} canManage={v.canManage} />
      <DeadlineTryCard county={county} />
    </Space>
  );
}
