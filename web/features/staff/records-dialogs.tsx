import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { phoneSchema } from '../../../common/schemas/staff';
import { ErrorAlert } from '../../components/error-alert';
import { day, showFieldErrors, toDayjs, zodRule } from './form-helpers';
import { staffApi, useStaffMutation } from './staff-api';
import type { StaffDetail } from './staff-types';

const phoneRule = zodRule(phoneSchema('手机号'), true, '请填写手机号');

interface RecordValues {
  phone: string;
  employer?: string;
  contract?: [Dayjs | null, Dayjs | null] | null;
  socialInsuranceSince?: Dayjs | null;
  accidentInsuranceSince?: Dayjs | null;
  accidentInsuranceUntil?: Dayjs | null;
}

/** Contact, contract and insurance records (Art. 28); only what changed is sent, and audited by the server. */
export function EditRecordsDialog({ staff, onClose }: { staff: StaffDetail['staff']; onClose: () => void }) {
  const [form] = Form.useForm<RecordValues>();
  const { message } = App.useApp();
  const save = useStaffMutation((body: Record<string, unknown>) => staffApi.records(staff.id, body));
  const onFinish = (v: RecordValues) => {
    const next: Record<string, string | null> = {
      phone: v.phone.trim(),
      employer: v.employer?.trim() || null,
      contractStart: day(v.contract?.[0]),
      contractEnd: day(v.contract?.[1]),
      socialInsuranceSince: day(v.socialInsuranceSince),
      accidentInsuranceSince: day(v.accidentInsuranceSince),
      accidentInsuranceUntil: day(v.accidentInsuranceUntil),
    };
    const before: Record<string, string | null> = {
      phone: staff.phone,
      employer: staff.employer,
      contractStart: staff.contractStart,
      contractEnd: staff.contractEnd,
      socialInsuranceSince: staff.socialInsuranceSince,
      accidentInsuranceSince: staff.accidentInsuranceSince,
      accidentInsuranceUntil: staff.accidentInsuranceUntil,
    };
    const body = Object.fromEntries(Object.entries(next).filter(([k, val]) => val !== before[k]));
    if (Object.keys(body).length === 0) return onClose();
    save.mutate(body, {
      onSuccess: () => {
        message.success('已保存');
        onClose();
      },
      onError: (e) => showFieldErrors(form, e, (p) => (p[0] === 'contractStart' || p[0] === 'contractEnd' ? ['contract'] : p)),
    });
  };
  return (
    <Modal open title="编辑联系方式、合同与保险" okText="保存" confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} width={640} destroyOnHidden>
      <Form<RecordValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          phone: staff.phone,
          employer: staff.employer ?? undefined,
          contract: staff.contractStart || staff.contractEnd ? [toDayjs(staff.contractStart), toDayjs(staff.contractEnd)] : null,
          socialInsuranceSince: toDayjs(staff.socialInsuranceSince),
          accidentInsuranceSince: toDayjs(staff.accidentInsuranceSince),
          accidentInsuranceUntil: toDayjs(staff.accidentInsuranceUntil),
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label="手机号" rules={[phoneRule]} validateTrigger="onBlur">
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="employer" label="工作单位">
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="contract" label="聘用合同期限">
              <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="socialInsuranceSince" label="社会保险参保日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="accidentInsuranceSince" label="意外伤害保险起保">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="accidentInsuranceUntil" label="意外伤害保险到期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}

interface LeaveValues {
  kind: 'annual_paid' | 'other_paid';
  range: [Dayjs, Dayjs];
  days: number;
  note?: string;
}

/** 带薪休假 (Art. 28). */
export function AddLeaveDialog({ staffId, onClose }: { staffId: string; onClose: () => void }) {
  const [form] = Form.useForm<LeaveValues>();
  const { message } = App.useApp();
  const add = useStaffMutation((body: Record<string, unknown>) => staffApi.leave(staffId, body));
  return (
    <Modal open title="登记休假" okText="登记" confirmLoading={add.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<LeaveValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'annual_paid' }}
        onValuesChange={(changed: Partial<LeaveValues>) => {
          const r = changed.range;
          if (r?.[0] && r[1]) form.setFieldValue('days', r[1].diff(r[0], 'day') + 1);
        }}
        onFinish={(v) =>
          add.mutate(
            { kind: v.kind, startsOn: day(v.range[0]), endsOn: day(v.range[1]), days: v.days, note: v.note?.trim() || null },
            { onSuccess: () => { message.success('已登记休假'); onClose(); } },
          )
        }
      >
        <Form.Item name="kind" label="假别" rules={[{ required: true }]}>
          <Select options={[{ value: 'annual_paid', label: '带薪年休假' }, { value: 'other_paid', label: '其他带薪假' }]} />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="days" label="天数" rules={[{ required: true, message: '请填写天数' }]}>
          <InputNumber min={0.5} max={60} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <ErrorAlert error={add.error} />
    </Modal>
  );
}

/** Links the person to a grid worker or grid head account, so they see their own work ID on the phone. */
export function LinkAccountDialog({ staffId, onClose }: { staffId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ username: string }>();
  const { message } = App.useApp();
  const link = useStaffMutation((username: string) => staffApi.linkAccount(staffId, username));
  return (
    <Modal open title="关联平台账号" okText="关联" confirmLoading={link.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => link.mutate(v.username.trim(), { onSuccess: () => { message.success('已关联账号'); onClose(); } })}>
        <Form.Item name="username" label="账号用户名" extra="只能关联本辖区的网格员或网格长账号" rules={[{ required: true, message: '请填写用户名' }, { min: 2, message: '用户名至少 2 个字符' }]}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      </Form>
      <ErrorAlert error={link.error} />
    </Modal>
  );
}
