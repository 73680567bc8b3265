import { Form, Input, Modal, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';

/** Asks for the reason of an action (suspend, revoke…) and runs it; the server keeps the reason. */
export function ReasonDialog({ title, okText, danger, hint, pending, error, onSubmit, onClose }: {
  title: string;
  okText: string;
  danger?: boolean;
  hint?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={title} okText={okText} okButtonProps={{ danger }} confirmLoading={pending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }, { min: 2, message: '请填写原因（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
