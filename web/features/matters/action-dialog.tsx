import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Typography, type UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { matterActionLabels, requestLabels } from '../../../common/domain/matter-flow';
import type { ActInput } from '../../../common/schemas/matters';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { defaultUnitCode, mattersApi, useDispatchUnits, useDuplicates, useMatterAction, type MatterDetail } from './matters-api';
import { PhotoUpload, uploadedIds, uploading } from './photo-upload';
import { UnitSelect } from './unit-select';

export const ACTION_LABELS: Record<string, string> = matterActionLabels;

interface Values {
  reason?: string;
  result?: string;
  orgCode?: string;
  extraHours?: number;
  approved?: boolean;
  passed?: boolean;
  method?: 'phone' | 'visit' | 'message';
  intoMatterId?: string;
}

/** The form of one action on a matter; the server decides, and its Chinese message is shown when it refuses. */
export function ActionDialog({ action, detail, onClose }: { action: string; detail: MatterDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const m = detail.matter;
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const run = useMatterAction(m.id);
  const units = useDispatchUnits(action === 'dispatch' ? m.divisionCode : undefined);
  const usual = defaultUnitCode(m.divisionCode, m.defaultSector);
  const orgCode = Form.useWatch('orgCode', form);
  const hasUsual = (units.data ?? []).some((u) => u.code === usual);
  const needsReason = action === 'dispatch' && !!orgCode && orgCode !== usual;
  // Preselect the catalogue's default unit once the list has arrived.
  const preselected = useRef(false);
  useEffect(() => {
    if (hasUsual && !preselected.current && !form.getFieldValue('orgCode')) {
      preselected.current = true;
      form.setFieldValue('orgCode', usual);
    }
  }, [hasUsual, usual, form]);
  const lastRequest = [...detail.timeline].reverse().find((e) => e.kind.startsWith('request_'));

  const submit = async () => {
    const v = await form.validateFields();
    const reason = v.reason?.trim() || undefined;
    let body: ActInput;
    switch (action) {
      case 'dispatch':
        body = { action, orgCode: v.orgCode!, ...(reason ? { reason } : {}) };
        break;
      case 'report_result':
        body = { action, result: v.result!.trim(), photoKeys: uploadedIds(files) };
        break;
      case 'verify':
        body = { action, passed: !!v.passed, reason: reason!, photoKeys: uploadedIds(files) };
        break;
      case 'feed_back':
        body = { action, method: v.method!, reason: reason! };
        break;
      case 'request_extension':
      case 'request_park':
      case 'request_void': {
        const kind = action.slice('request_'.length) as 'extension' | 'park' | 'void';
        body = { action: 'request', kind, reason: reason!, ...(kind === 'extension' ? { extraHours: v.extraHours } : {}) };
        break;
      }
      case 'decide_request':
        body = { action, approved: !!v.approved, reason: reason! };
        break;
      case 'merge':
        body = { action, intoMatterId: v.intoMatterId!, ...(reason ? { reason } : {}) };
        break;
      case 'escalate':
      case 'return':
      case 'unpark':
        body = { action, reason: reason! } as ActInput;
        break;
      default:
        body = { action: action as 'handle_self' | 'accept', ...(reason ? { reason } : {}) };
    }
    await run.mutateAsync(body);
    message.success(`已${ACTION_LABELS[action].replace(/（.*）/, '')}`);
    onClose();
  };

  const reasonField = (label: string, min: number, required = true, placeholder?: string) => (
    <Form.Item
      name="reason"
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }, { min, message: `${label}至少 ${min} 个字` }] : []}
    >
      <Input.TextArea rows={3} maxLength={500} showCount placeholder={placeholder} />
    </Form.Item>
  );

  let body: React.ReactNode;
  switch (action) {
    case 'escalate':
      body = reasonField('上报理由', 2, true, '为什么本级无法处置');
      break;
    case 'return':
      body = reasonField('回退理由', 4, true, '例如：不属于本单位职责');
      break;
    case 'unpark':
      body = reasonField('恢复办理的理由', 2);
      break;
    case 'handle_self':
    case 'accept':
      body = reasonField('说明', 0, false, '可不填');
      break;
    case 'dispatch':
      body = (
        <>
          <Form.Item name="orgCode" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]} extra={hasUsual ? '已预选事项清单规定的责任单位；改派其他单位须写明理由。' : undefined}>
            <UnitSelect units={units.data ?? []} loading={units.isLoading} defaultCode={usual} testId="dispatch-unit" />
          </Form.Item>
          <Form.Item
            name="reason"
            label="派遣说明"
            rules={needsReason ? [{ required: true, whitespace: true, message: '派往非清单规定的单位，请填写理由' }, { min: 4, message: '理由至少 4 个字' }] : []}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder={needsReason ? '必填：为什么派往该单位' : '可不填'} />
          </Form.Item>
        </>
      );
      break;
    case 'report_result':
      body = (
        <>
          <Form.Item name="result" label="处置结果" rules={[{ required: true, whitespace: true, message: '请填写处置结果' }, { min: 2, message: '处置结果至少 2 个字' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="做了什么、结果如何" />
          </Form.Item>
          <Form.Item label="现场照片">
            <PhotoUpload files={files} onChange={setFiles} testId="result-photos" />
          </Form.Item>
        </>
      );
      break;
    case 'verify':
      body = (
        <>
          <Form.Item name="passed" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
            <Radio.Group options={[{ value: true, label: '通过' }, { value: false, label: '未通过（返工）' }]} />
          </Form.Item>
          {reasonField('核查情况', 2)}
          <Form.Item label="现场照片">
            <PhotoUpload files={files} onChange={setFiles} testId="verify-photos" />
          </Form.Item>
        </>
      );
      break;
    case 'feed_back':
      body = (
        <>
          <Form.Item name="method" label="反馈方式" rules={[{ required: true, message: '请选择反馈方式' }]}>
            <Radio.Group options={[{ value: 'phone', label: '电话' }, { value: 'visit', label: '上门' }, { value: 'message', label: '短信' }]} />
          </Form.Item>
          {reasonField('反馈情况', 2)}
        </>
      );
      break;
    case 'request_extension':
      body = (
        <>
          <Form.Item name="extraHours" label="延长（工作小时）" rules={[{ required: true, message: '请填写延长的工作小时数' }]} extra="1 个工作日为 8 个工作小时；一次不超过 240 个工作小时。">
            <InputNumber min={1} max={240} precision={0} style={{ width: 160 }} />
          </Form.Item>
          {reasonField('申请理由', 4)}
        </>
      );
      break;
    case 'request_park':
    case 'request_void':
      body = reasonField('申请理由', 4, true, action === 'request_void' ? '例如：现场核实为误报' : '例如：当事人外出，暂无法办理');
      break;
    case 'decide_request':
      body = (
        <>
          {m.request && (
            <Typography.Paragraph>
              待审批：<b>{requestLabels[m.request.kind]}申请</b>
              {lastRequest && (
                <>
                  （{lastRequest.actorUnit ?? lastRequest.actor}，{fmtDateTime(lastRequest.at)}）
                  {lastRequest.data?.extraHours ? `，申请延长 ${String(lastRequest.data.extraHours)} 个工作小时` : ''}
                  <br />理由：{lastRequest.reason}
                </>
              )}
            </Typography.Paragraph>
          )}
          <Form.Item name="approved" label="审批结论" rules={[{ required: true, message: '请选择同意或不同意' }]}>
            <Radio.Group options={[{ value: true, label: '同意' }, { value: false, label: '不同意' }]} />
          </Form.Item>
          {reasonField('审批意见', 2)}
        </>
      );
      break;
    case 'merge':
      body = (
        <>
          <Form.Item name="intoMatterId" label="原事项" rules={[{ required: true, message: '请选择要并入的原事项' }]}>
            <OriginalPicker detail={detail} />
          </Form.Item>
          {reasonField('说明', 0, false, '可不填')}
        </>
      );
      break;
  }

  return (
    <Modal
      open
      title={`${ACTION_LABELS[action]} · ${m.number}`}
      okText={ACTION_LABELS[action].replace(/（.*）/, '')}
      cancelText="取消"
      onOk={() => submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={run.isPending}
      okButtonProps={{ disabled: uploading(files) }}
      width={620}
      destroyOnHidden
      data-testid="action-dialog"
    >
      <Form form={form} layout="vertical" initialValues={action === 'dispatch' ? { orgCode: undefined } : undefined} preserve={false}>
        {body}
      </Form>
      <ErrorAlert error={run.error} />
    </Modal>
  );
}

/** The original to merge into: the nearby open matters of the same type, or one found by its number. */
function OriginalPicker({ detail, value, onChange }: { detail: MatterDetail; value?: string; onChange?: (id: string | undefined) => void }) {
  const m = detail.matter;
  const near = useDuplicates({ typeCode: m.typeCode, lng: m.lng, lat: m.lat });
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['matters', 'merge-search', q], queryFn: () => mattersApi.search(q), enabled: q.trim().length >= 4 });
  const options = [
    ...(near.data?.items ?? []).filter((d) => d.id !== m.id).map((d) => ({ value: d.id, label: `${d.number} · ${d.typeName} · 相距约 ${d.distanceM} 米 · ${d.description}` })),
    ...(found.data?.items ?? []).filter((d) => d.id !== m.id && !(near.data?.items ?? []).some((n) => n.id === d.id)).map((d) => ({ value: d.id, label: `${d.number} · ${d.typeName} · ${d.place}` })),
  ];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="附近同类未办结事项，或输入编号查找"
      options={options}
      value={value}
      onChange={onChange}
      notFoundContent={near.isLoading ? '查找中…' : '附近没有同类未办结事项；可输入编号查找'}
      data-testid="merge-original"
    />
  );
}
