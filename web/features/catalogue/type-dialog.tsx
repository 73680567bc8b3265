import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { priorityLabels } from '../../../common/domain/catalogue';
import { art14Label, ART14_KIND_NUMBERS, STEPS, stepLabels } from '../../../common/domain/catalogue-terms';
import { NewTypeSchema, RESPONSIBLE_SECTORS, TypeFieldsSchema, type CatalogueType, type NewType } from '../../../common/schemas/catalogue';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../staff/form-helpers';
import { catalogueApi, useCatalogueMutation } from './catalogue-api';

type Values = NewType & { limitsReviewed?: boolean };

const sectorOptions = [
  { label: '网格联动部门', options: RESPONSIBLE_SECTORS.filter((s) => s.kind === 'department').map((s) => ({ value: s.key, label: s.label })) },
  { label: '网格服务单位', options: RESPONSIBLE_SECTORS.filter((s) => s.kind === 'service_unit').map((s) => ({ value: s.key, label: s.label })) },
];

function valuesOf(t: CatalogueType): Values {
  return {
    code: t.code,
    name: t.name,
    art14Kind: t.art14Kind,
    duties: t.duties,
    defaultSector: t.defaultSector,
    limits: t.limits,
    needsVerification: t.needsVerification,
    needsFeedback: t.needsFeedback,
    priority: t.priority,
    directToPolice: t.directToPolice,
  };
}

const blank: Partial<Values> = {
  art14Kind: 3,
  priority: 'normal',
  needsVerification: true,
  needsFeedback: true,
  directToPolice: false,
  limits: { dispatch: { amount: 4, unit: 'working_hours' }, handling: { amount: 16, unit: 'working_hours' }, verification: { amount: 24, unit: 'calendar_hours' }, feedback: { amount: 8, unit: 'working_hours' } },
};

/** Adds a type to a draft (准入) or changes one, checked with the API's own schemas before it is sent. */
export function TypeDialog({ versionId, type, suggestedCode, open, onClose }: { versionId: string; type: CatalogueType | null; suggestedCode?: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const adding = type === null;
  const save = useCatalogueMutation((v: Values) => {
    if (adding) return catalogueApi.addType(versionId, v);
    const { code: _c, level1Name: _1, level2Name: _2, limitsReviewed, ...fields } = v;
    return catalogueApi.updateType(versionId, type.code, { ...fields, ...(limitsReviewed ? { limitsReviewed: true as const } : {}) });
  });
  // The form is filled when the dialog opens, never again while it is open: the draft's table may
  // refetch meanwhile (a new suggested code), and what the user has typed must survive that.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(type ? valuesOf(type) : { ...blank, code: suggestedCode });
    save.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, type]);
  useEffect(() => {
    if (open && adding && suggestedCode && !form.isFieldTouched('code')) form.setFieldValue('code', suggestedCode);
  }, [open, adding, suggestedCode, form]);

  async function submit() {
    const raw = form.getFieldsValue(true) as Values;
    const v: Values = { ...raw, level1Name: raw.level1Name || undefined, level2Name: raw.level2Name || undefined };
    const schema = adding ? NewTypeSchema : TypeFieldsSchema;
    const { limitsReviewed, ...checked } = v;
    const parsed = schema.safeParse(adding ? checked : (({ code: _c, level1Name: _1, level2Name: _2, ...f }) => f)(checked));
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: i.path as (string | number)[], errors: [i.message.replace(/^.*?时限：/, '')] })) as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate({ ...v, limitsReviewed }, {
      onSuccess: () => {
        message.success(adding ? `已将“${v.name}”加入草稿` : `已修改“${v.name}”`);
        onClose();
      },
      onError: (e) => showFieldErrors(form, e),
    });
  }

  return (
    <Modal open={open} title={adding ? '准入：增加事项' : `修改事项 ${type.code} ${type.name}`} onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={save.isPending} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label="事项编码（6 位）" extra={adding ? '一级 2 位 + 二级 2 位 + 序号 2 位' : undefined}>
              <Input disabled={!adding} maxLength={6} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label="事项名称">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          {adding && (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="level1Name" label="一级分类名称（新分类时填写）">
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="level2Name" label="二级分类名称（新分类时填写）">
                  <Input maxLength={30} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="art14Kind" label="条例第十四条事项类别">
              <Select options={ART14_KIND_NUMBERS.map((k) => ({ value: k, label: art14Label(k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="defaultSector" label="责任单位（默认）">
              <Select showSearch optionFilterProp="label" options={sectorOptions} placeholder="选择网格联动部门或网格服务单位" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="duties" label="职责任务">
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Col>
        </Row>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="时限以小时计：工作小时按工作日历计算（1 个工作日 = 8 个工作小时），自然小时含夜间和节假日。需要现场核查的，条例第二十一条要求 24 小时内核实。" />
        <Row gutter={12}>
          {STEPS.map((s) => (
            <Col xs={24} md={12} key={s}>
              <Form.Item label={`${stepLabels[s]}时限`} required>
                <Row gutter={6}>
                  <Col span={10}>
                    <Form.Item name={['limits', s, 'amount']} noStyle>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} aria-label={`${stepLabels[s]}时限小时数`} />
                    </Form.Item>
                  </Col>
                  <Col span={14}>
                    <Form.Item name={['limits', s, 'unit']} noStyle>
                      <Select options={[{ value: 'working_hours', label: '工作小时' }, { value: 'calendar_hours', label: '自然小时' }]} />
                    </Form.Item>
                  </Col>
                </Row>
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="needsVerification" label="需要现场核查" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="needsFeedback" label="需要向群众反馈" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="priority" label="优先级">
              <Select options={Object.entries(priorityLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="directToPolice" label="直接转公安" valuePropName="checked" extra="阻碍、威胁、侮辱、殴打网格员等">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        {type?.limitsDefault && (
          <Form.Item name="limitsReviewed" valuePropName="checked" extra={type.handlingBasis ? `默认处置时限依据：${type.handlingBasis}` : undefined}>
            <Checkbox>本县已审核以上时限（保留默认值也须勾选确认）</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
