import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { gridKindLabels, gridSubKindLabels, partyOrgLabels } from '../../../common/i18n/zh-CN';
import { subKindsOf, type GridKind } from '../../../common/schemas/grids';

const kindOptions = (Object.keys(gridKindLabels) as GridKind[]).map((k) => ({ value: k, label: gridKindLabels[k] }));
const partyOptions = (Object.keys(partyOrgLabels) as (keyof typeof partyOrgLabels)[]).map((k) => ({ value: k, label: partyOrgLabels[k] }));

/** Form values of one grid's attributes (party org split into two fields). */
export interface AttrValues {
  name?: string;
  kind?: GridKind;
  subKind?: string;
  owningUnit?: string;
  households?: number | null;
  population?: number | null;
  partyOrgType?: string;
  partyOrgName?: string;
}

/**
 * Attribute fields under `prefix` (e.g. ['grid'] or ['parts', 'p1']). Art. 7: the sub-kind list follows the kind;
 * an exclusive grid names its owning unit. Art. 10: one party branch/group (or joint branch) per grid.
 */
export function GridAttrFields({ prefix, kindLocked = false, required = true }: { prefix: (string | number)[]; kindLocked?: boolean; required?: boolean }) {
  const form = Form.useFormInstance();
  const p = (n: string): NamePath => [...prefix, n];
  const kind = Form.useWatch(p('kind'), form) as GridKind | undefined;
  const subOptions = (kind ? subKindsOf[kind] : []).map((s) => ({ value: s, label: gridSubKindLabels[s] }));
  const count = { min: 0, max: 1_000_000, precision: 0, style: { width: '100%' } } as const;

  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name={p('name')} label="网格名称" rules={[{ required, message: '请填写网格名称' }, { min: 2, max: 60, message: '网格名称为 2–60 个字' }]}>
          <Input placeholder="如：花园街道兴安社区第一网格" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={p('kind')} label="网格类型" rules={[{ required, message: '请选择网格类型' }]}>
          <Select
            options={kindOptions}
            disabled={kindLocked}
            onChange={() => form.setFieldValue(p('subKind'), undefined)}
            placeholder="请选择"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={p('subKind')} label="划分单元" rules={[{ required, message: '请选择划分单元' }]}>
          <Select options={subOptions} placeholder={kind ? '请选择' : '先选网格类型'} disabled={!kind} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={p('owningUnit')}
          label="所属单位"
          rules={[{ required: kind === 'exclusive', message: '专属网格须填写所属单位' }, { min: 2, max: 80, message: '所属单位名称为 2–80 个字' }]}
          extra={kind === 'exclusive' ? '专属网格：行政中心、商务楼宇、学校、医院、园区、企事业单位等' : undefined}
        >
          <Input placeholder={kind === 'exclusive' ? '必填' : '可选'} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={p('households')} label="户数">
          <InputNumber {...count} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={p('population')} label="人口">
          <InputNumber {...count} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={p('partyOrgType')} label="党组织形式">
          <Select options={partyOptions} allowClear placeholder="党支部/党小组/联合党支部" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item
          name={p('partyOrgName')}
          label="党组织名称"
          dependencies={[p('partyOrgType')]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v?: string) =>
                getFieldValue(p('partyOrgType')) && !(v && v.trim().length >= 2)
                  ? Promise.reject(new Error('已选择党组织形式，请填写党组织名称（至少 2 个字）'))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input placeholder="如：兴安社区第一网格党支部" />
        </Form.Item>
      </Col>
    </Row>
  );
}
