import { Button, Checkbox, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { unmaskStaff } from './staff-api';
import type { PersonalField, StaffDetail } from './staff-types';

/** How long unmasked values stay on screen before they are masked again. */
const SHOW_SECONDS = 60;
const fieldLabels: Record<PersonalField, string> = { idNumber: '身份证号', birthDate: '出生日期', homeAddress: '家庭住址' };

/**
 * The person's record with ID number, birth date and home address masked. The managing street
 * centre may reveal them with a stated reason (audited on the server); the values stay in this
 * component's state for a minute and are never cached or stored.
 */
export function PersonCard({ detail }: { detail: StaffDetail }) {
  const s = detail.staff;
  const [revealed, setRevealed] = useState<Partial<Record<PersonalField, string | null>> | null>(null);
  const [left, setLeft] = useState(0);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    if (!revealed) return;
    setLeft(SHOW_SECONDS);
    const t = setInterval(() => setLeft((n) => n - 1), 1000);
    const end = setTimeout(() => setRevealed(null), SHOW_SECONDS * 1000);
    return () => {
      clearInterval(t);
      clearTimeout(end);
    };
  }, [revealed]);

  const show = (f: PersonalField, masked: string | null) => {
    if (revealed && f in revealed) {
      return (
        <Typography.Text strong data-testid={`unmasked-${f}`} style={{ fontFamily: f === 'idNumber' ? 'monospace' : undefined, background: '#fffbe6' }}>
          {revealed[f] ?? '—'}
        </Typography.Text>
      );
    }
    return <span data-testid={`masked-${f}`} style={{ fontFamily: f === 'idNumber' ? 'monospace' : undefined }}>{masked ?? '—'}</span>;
  };

  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        data-testid="person-card"
        items={[
          { key: 'name', label: '姓名', children: s.name },
          { key: 'gender', label: '性别', children: s.genderLabel },
          { key: 'id', label: '身份证号', children: show('idNumber', s.idNumber) },
          { key: 'birth', label: '出生日期', children: show('birthDate', s.birthDate) },
          { key: 'phone', label: '手机号', children: s.phone },
          { key: 'addr', label: '家庭住址', children: show('homeAddress', s.homeAddress) },
          { key: 'employer', label: '工作单位', children: s.employer ?? '—' },
          { key: 'township', label: '管理街道（乡镇）', children: `${s.countyName} ${s.townshipName}` },
          { key: 'status', label: '状态', children: s.status === 'active' ? <Tag color="green">在职</Tag> : <Tag>已退出</Tag> },
          { key: 'account', label: '平台账号', children: s.hasAccount ? '已关联' : '未关联' },
        ]}
      />
      {detail.mayUnmask && (
        <Space style={{ marginTop: 8 }} wrap>
          {revealed ? (
            <>
              <Typography.Text type="warning">完整信息将在 {left} 秒后隐藏，请勿截屏或外传。</Typography.Text>
              <Button size="small" onClick={() => setRevealed(null)}>
                立即隐藏
              </Button>
            </>
          ) : (
            <Button size="small" onClick={() => setAsking(true)} data-testid="unmask-button">
              查看完整信息
            </Button>
          )}
        </Space>
      )}
      {asking && (
        <UnmaskDialog
          staffId={s.id}
          hasAddress={s.homeAddress !== null}
          onClose={() => setAsking(false)}
          onShown={(values) => {
            setAsking(false);
            setRevealed(values);
          }}
        />
      )}
    </>
  );
}

function UnmaskDialog({ staffId, hasAddress, onClose, onShown }: {
  staffId: string;
  hasAddress: boolean;
  onClose: () => void;
  onShown: (values: Partial<Record<PersonalField, string | null>>) => void;
}) {
  const [form] = Form.useForm<{ fields: PersonalField[]; reason: string }>();
  // Not a react-query mutation: its cache would keep the values for minutes after the dialog closes.
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { fields: PersonalField[]; reason: string }) => {
    setPending(true);
    setError(null);
    try {
      onShown((await unmaskStaff(staffId, v.fields, v.reason.trim())).values);
    } catch (e) {
      setError(e);
      setPending(false);
    }
  };
  const options = (Object.keys(fieldLabels) as PersonalField[]).filter((f) => f !== 'homeAddress' || hasAddress).map((f) => ({ value: f, label: fieldLabels[f] }));
  return (
    <Modal
      open
      title="查看完整个人信息"
      okText="查看"
      onCancel={onClose}
      confirmLoading={pending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">查看将连同原因记入审计日志。信息只在本页显示 {SHOW_SECONDS} 秒。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fields: ['idNumber'] }} onFinish={submit}>
        <Form.Item name="fields" label="要查看的信息" rules={[{ required: true, type: 'array', min: 1, message: '请选择要查看的字段' }]}>
          <Checkbox.Group options={options} />
        </Form.Item>
        <Form.Item name="reason" label="查看原因" rules={[{ required: true, message: '请填写查看原因' }, { min: 4, message: '请填写查看原因（至少 4 个字）' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：核对社会保险参保信息" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
