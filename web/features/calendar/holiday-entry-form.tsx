import { App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarEntryInput } from '../../../common/schemas/calendar';
import { ErrorAlert } from '../../components/error-alert';
import { calendarApi, useCalendarMutation } from './calendar-api';

interface Row {
  name: string;
  kind: 'holiday' | 'workday';
  range: [Dayjs, Dayjs] | null;
}

/** The seven statutory holidays each notice of the State Council's General Office arranges. */
const HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];
const blank = (): Row[] => HOLIDAYS.map((name) => ({ name, kind: 'holiday', range: null }));

function expand(rows: Row[]): CalendarEntryInput[] {
  const out: CalendarEntryInput[] = [];
  for (const r of rows) {
    if (!r.range) continue;
    for (let d = r.range[0].startOf('day'); !d.isAfter(r.range[1], 'day'); d = d.add(1, 'day')) out.push({ day: d.format('YYYY-MM-DD'), kind: r.kind, name: r.name.trim() });
  }
  return out;
}

/**
 * Entering a year's holiday arrangement as soon as the State Council publishes it (usually in the
 * autumn before): each holiday's days off as a range, and each 调休 make-up workday. Everything
 * submitted together is entered together, or nothing is.
 */
export function HolidayEntryForm({ county, year }: { county: string; year: number }) {
  const [form] = Form.useForm<{ rows: Row[] }>();
  const { message } = App.useApp();
  const add = useCalendarMutation((days: CalendarEntryInput[]) => calendarApi.addDays(county, days));
  const inYear = (d: Dayjs) => d.year() !== year && !(d.year() === year - 1 && d.month() === 11);

  return (
    <Card size="small" title={`录入 ${year} 年节假日安排`} data-testid="holiday-entry">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        按国务院办公厅关于 {year} 年部分节假日安排的通知填写：每个节日的放假起止日期，以及调休上班的日期（类型选“上班”）。不需要的行可删除；未填日期的行不录入。
      </Typography.Paragraph>
      <Form
        form={form}
        initialValues={{ rows: blank() }}
        onFinish={({ rows }) => {
          const days = expand(rows);
          if (days.length === 0) {
            message.warning('请至少填写一个日期');
            return;
          }
          add.mutate(days, {
            onSuccess: (r) => {
              message.success(`已录入 ${r.added} 天`);
              form.setFieldsValue({ rows: blank() });
            },
          });
        }}
      >
        <Form.List name="rows">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写名称' }]} style={{ marginBottom: 4 }}>
                    <Input placeholder="节日名称" style={{ width: 120 }} maxLength={30} aria-label="节日名称" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} style={{ marginBottom: 4 }}>
                    <Select style={{ width: 110 }} aria-label="类型" options={[{ value: 'holiday', label: '放假' }, { value: 'workday', label: '上班（调休）' }]} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'range']} style={{ marginBottom: 4 }}>
                    <DatePicker.RangePicker disabledDate={inYear} defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]} placeholder={['起', '止（同一天可只选一次）']} />
                  </Form.Item>
                  <Button type="text" danger onClick={() => remove(f.name)} aria-label="删除此行">
                    删除
                  </Button>
                </Space>
              ))}
              <Space wrap>
                <Button onClick={() => addRow({ name: '', kind: 'workday', range: null })}>添加调休上班日</Button>
                <Button onClick={() => addRow({ name: '', kind: 'holiday', range: null })}>添加放假日</Button>
                <Button type="primary" htmlType="submit" loading={add.isPending}>
                  录入
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      <ErrorAlert error={add.error} style={{ marginTop: 8 }} />
    </Card>
  );
}
