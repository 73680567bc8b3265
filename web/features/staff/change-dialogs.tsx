import { Alert, App, Checkbox, Form, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import type { StaffRole } from '../../../common/domain/staff';
import { ErrorAlert } from '../../components/error-alert';
import { useMe } from '../auth/auth-api';
import { AssignmentRows, expandRows, rowFieldPath, type AssignmentRow } from './assignment-rows';
import { DecisionFields, decisionOf, defaultDecidingBody, type DecisionValues } from './decision-fields';
import { showFieldErrors } from './form-helpers';
import { staffApi, useStaffMutation } from './staff-api';
import type { Assignment } from './staff-types';

interface AdjustValues extends DecisionValues {
  end: string[];
  add: AssignmentRow[];
}
const key = (a: { gridCode: string; role: string }) => `${a.gridCode}|${a.role}`;

/**
 * 调整: end some of the current assignments and/or add new ones in one decision. Changing a role
 * (e.g. 兼职 → 专职) is ending the old one and adding the new one on the same grid.
 */
export function AdjustDialog({ staffId, current, changeKindOf, onClose }: { staffId: string; current: Assignment[]; changeKindOf?: Assignment; onClose: () => void }) {
  const me = useMe().data;
  const [form] = Form.useForm<AdjustValues>();
  const { message } = App.useApp();
  const adjust = useStaffMutation((v: Parameters<typeof staffApi.adjust>[1]) => staffApi.adjust(staffId, v));
  const onFinish = (v: AdjustValues) => {
    const { specs, rowOf } = expandRows(v.add);
    const end = (v.end ?? []).map((k) => {
      const [gridCode, role] = k.split('|');
      return { gridCode, role: role as StaffRole };
    });
    adjust.mutate(
      { add: specs, end, ...decisionOf(v) },
      {
        onSuccess: (r) => {
          message.success(r.summary);
          onClose();
        },
        onError: (e) => showFieldErrors(form, e, (p) => (p[0] === 'add' ? rowFieldPath('add', rowOf)(['assignments', ...p.slice(1)]) : p)),
      },
    );
  };
  return (
    <Modal open title={changeKindOf ? `变更职务：${changeKindOf.roleLabel}（${changeKindOf.gridName}）` : '调整任职'} okText="提交调整" width={760} confirmLoading={adjust.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<AdjustValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          end: changeKindOf ? [key(changeKindOf)] : [],
          add: changeKindOf ? [{ grids: [changeKindOf.gridCode] }] : [],
          effectiveOn: dayjs(),
          decidingBody: defaultDecidingBody(me),
        }}
      >
        {current.length > 0 && (
          <Form.Item name="end" label="不再担任（结束任职）">
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={current.map((a) => ({ value: key(a), label: `${a.roleLabel} · ${a.gridName}（${a.gridCode}）` }))}
            />
          </Form.Item>
        )}
        <Typography.Text strong>增加任职</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <AssignmentRows name="add" within={me?.scopeCode ?? undefined} addLabel="增加任职网格" minRows={0} />
        </div>
        <DecisionFields reasonLabel="调整原因" reasonPlaceholder="如：工作需要调整网格" />
      </Form>
      <ErrorAlert error={adjust.error} />
    </Modal>
  );
}

/** 退出: every current assignment ends on the date and the person is no longer active. */
export function ExitDialog({ staffId, name, count, onClose }: { staffId: string; name: string; count: number; onClose: () => void }) {
  const me = useMe().data;
  const [form] = Form.useForm<DecisionValues>();
  const { message } = App.useApp();
  const exit = useStaffMutation((v: Parameters<typeof staffApi.exit>[1]) => staffApi.exit(staffId, v));
  return (
    <Modal open title={`办理退出：${name}`} okText="确认退出" okButtonProps={{ danger: true }} confirmLoading={exit.isPending} onOk={() => form.submit()} onCancel={onClose} width={640} destroyOnHidden>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`退出后 ${name} 的 ${count} 项任职将于生效日期结束，不能再承办事项；如需再任职须重新登记。`} />
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        initialValues={{ effectiveOn: dayjs(), decidingBody: defaultDecidingBody(me) }}
        onFinish={(v) => exit.mutate(decisionOf(v), { onSuccess: (r) => { message.success(r.summary); onClose(); } })}
      >
        <DecisionFields reasonLabel="退出原因" reasonPlaceholder="如：本人申请辞职；聘用合同期满不再续聘" />
      </Form>
      <ErrorAlert error={exit.error} />
    </Modal>
  );
}
