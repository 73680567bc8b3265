import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { calendarApi, useCalendarMutation } from './calendar-api';

type Period = { start: string; end: string };

/** The county's daily working periods, on which working-hour limits are counted. */
export function ScheduleCard({ county, periods, hoursPerDay, canManage }: { county: string; periods: Period[]; hoursPerDay: number; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ periods: Period[] }>();
  const { message } = App.useApp();
  const save = useCalendarMutation((p: Period[]) => calendarApi.saveSchedule(county, p));
  return (
    <Card size="small" title="每天工作时段" data-testid="work-schedule">
      {!editing ? (
        <Space wrap>
          {periods.map((p) => (
            <Tag key={p.start}>{`${p.start}–${p.end}`}</Tag>
          ))}
          <span>每个工作日 {hoursPerDay} 个工作小时</span>
          {canManage && (
            <Button size="small" onClick={() => { form.setFieldsValue({ periods }); setEditing(true); }}>
              修改
            </Button>
          )}
        </Space>
      ) : (
        <Form form={form} onFinish={(v) => save.mutate(v.periods, { onSuccess: () => { message.success('已保存工作时段'); setEditing(false); } })}>
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start">
                    <Form.Item name={[f.name, 'start']} rules={[{ pattern: /^([01]\d|2[0-4]):[0-5]\d$/, message: '如 08:00' }]} style={{ marginBottom: 4 }}>
                      <Input style={{ width: 80 }} aria-label="开始" />
                    </Form.Item>
                    –
                    <Form.Item name={[f.name, 'end']} rules={[{ pattern: /^([01]\d|2[0-4]):[0-5]\d$/, message: '如 12:00' }]} style={{ marginBottom: 4 }}>
                      <Input style={{ width: 80 }} aria-label="结束" />
                    </Form.Item>
                    <Button type="text" danger onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Space>
                  {fields.length < 4 && <Button onClick={() => add({ start: '', end: '' })}>添加时段</Button>}
                  <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
                  <Button onClick={() => setEditing(false)}>取消</Button>
                </Space>
              </>
            )}
          </Form.List>
          <ErrorAlert error={save.error} style={{ marginTop: 8 }} />
        </Form>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        默认 08:00–12:00、13:30–17:30，即每个工作日 8 个工作小时（事项目录按 1 个工作日 = 8 个工作小时折算）。在工作时间以外开始的按工作小时计的时限，从下一个工作时段起算；现场核实的 24 小时按自然小时计，节假日照算。
      </Typography.Paragraph>
    </Card>
  );
}

/** 试算: when a limit started at a moment ends on this county's calendar. */
export function DeadlineTryCard({ county }: { county: string }) {
  const [result, setResult] = useState<{ deadline: string; provisional: boolean; warnAt: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <Card size="small" title="时限试算">
      <Form<{ start: Dayjs; amount: number; unit: 'working_hours' | 'calendar_hours' }>
        layout="inline"
        initialValues={{ amount: 8, unit: 'working_hours' }}
        onFinish={async (v) => {
          setError(null);
          try {
            setResult(await calendarApi.tryDeadline(county, { start: v.start.format('YYYY-MM-DDTHH:mm:00+08:00'), amount: v.amount, unit: v.unit }));
          } catch (e) {
            setResult(null);
            setError(e);
          }
        }}
      >
        <Form.Item name="start" label="开始" rules={[{ required: true, message: '请选择开始时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="amount" label="时限" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={10000} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="unit">
          <Select style={{ width: 130 }} options={[{ value: 'working_hours', label: '工作小时' }, { value: 'calendar_hours', label: '自然小时' }]} />
        </Form.Item>
        <Button htmlType="submit">计算</Button>
      </Form>
      {result && (
        <div style={{ marginTop: 8 }} data-testid="deadline-result">
          截止：<b>{fmtDateTime(result.deadline)}</b>　黄灯预警（75%）：{fmtDateTime(result.warnAt)}{' '}
          {result.provisional && <Tag color="orange">临时时限：跨入缺少节假日数据的年份，按周一至周五计算</Tag>}
        </div>
      )}
      {error ? <div style={{ marginTop: 8, color: '#c8102e' }}>{errorMessage(error)}</div> : null}
    </Card>
  );
}
