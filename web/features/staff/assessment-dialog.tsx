import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { gradeLabels, gradeOf, type Grade } from '../../../common/domain/staff';
import { ErrorAlert } from '../../components/error-alert';
import { StaffPicker } from './pickers';
import { staffApi, useStaffMutation } from './staff-api';

interface Values {
  staffId: string;
  period: Dayjs;
  score: number;
  grade: Grade;
  remarks?: string;
}

const gradeOptions = (Object.keys(gradeLabels) as Grade[]).map((g) => ({ value: g, label: gradeLabels[g] }));

/**
 * Records a daily assessment (the community station, for a day) or an annual one (the street
 * centre, for a year). The grade follows the score until the assessor picks another.
 */
export function AssessmentDialog({ kind, staffId, staffName, onClose }: { kind: 'daily' | 'annual'; staffId?: string; staffName?: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const gradeTouched = useRef(false);
  const record = useStaffMutation(staffApi.assess);
  const title = kind === 'daily' ? '日常考核' : '年度考核';
  const lastYear = dayjs().subtract(1, 'year').startOf('year');
  return (
    <Modal open title={`登记${title}${staffName ? `：${staffName}` : ''}`} okText="登记" confirmLoading={record.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ staffId, period: kind === 'daily' ? dayjs() : lastYear }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('grade' in changed) gradeTouched.current = true;
          if (typeof changed.score === 'number' && !gradeTouched.current) form.setFieldValue('grade', gradeOf(changed.score));
        }}
        onFinish={(v) =>
          record.mutate(
            { staffId: v.staffId, kind, period: kind === 'daily' ? v.period.format('YYYY-MM-DD') : v.period.format('YYYY'), score: v.score, grade: v.grade, remarks: v.remarks?.trim() || null },
            { onSuccess: (r) => { message.success(`已登记${title}：${r.gradeLabel}`); onClose(); } },
          )
        }
      >
        {!staffId && (
          <Form.Item name="staffId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
            <StaffPicker />
          </Form.Item>
        )}
        <Form.Item name="period" label={kind === 'daily' ? '考核日期' : '考核年度'} rules={[{ required: true, message: '请选择考核期间' }]}>
          {kind === 'daily' ? (
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          ) : (
            <DatePicker picker="year" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'year')} />
          )}
        </Form.Item>
        <Form.Item name="score" label="分数（百分制）" rules={[{ required: true, message: '请填写分数' }]}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="grade" label="等次" rules={[{ required: true, message: '请选择等次' }]} extra="按分数自动带出（90 分以上优秀，75 分以上合格，60 分以上基本合格），可改">
          <Select options={gradeOptions} />
        </Form.Item>
        <Form.Item name="remarks" label="评语">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        上报事项、就地解决、按时办结、满意度和巡查走访等平台统计将在事项与巡查功能上线后自动附在考核记录旁。
      </Typography.Paragraph>
      <ErrorAlert error={record.error} />
    </Modal>
  );
}
