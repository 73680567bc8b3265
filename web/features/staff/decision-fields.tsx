import { Col, DatePicker, Form, Input, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Me } from '../../../common/schemas/auth';
import { day } from './form-helpers';
import type { DecisionInput } from './staff-api';

/** The form values of a decision (date, reason, deciding body). */
export interface DecisionValues {
  effectiveOn?: Dayjs | null;
  reason?: string;
  decidingBody?: string;
}

export function decisionOf(v: DecisionValues): DecisionInput {
  return { effectiveOn: day(v.effectiveOn) ?? '', reason: (v.reason ?? '').trim(), decidingBody: (v.decidingBody ?? '').trim() };
}

/** The deciding body a centre usually writes: its own name. */
export function defaultDecidingBody(me: Me | null | undefined): string | undefined {
  if (!me) return undefined;
  if (me.department) return me.department;
  if (!me.scopeName) return undefined;
  if (me.role === 'county_centre' || me.role === 'street_centre') return `${me.scopeName}网格化管理服务中心`;
  return me.scopeName;
}

/** Every appointment, adjustment and exit is a decision: when it takes effect, why, and who decided (Art. 13). */
export function DecisionFields({ reasonLabel = '原因', reasonPlaceholder }: { reasonLabel?: string; reasonPlaceholder?: string }) {
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name="effectiveOn" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker style={{ width: '100%' }} placeholder="选择日期" aria-label="生效日期" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name="decidingBody" label="决定机关" rules={[{ required: true, message: '请填写决定机关' }, { min: 2, message: '决定机关至少 2 个字' }]}>
          <Input maxLength={80} placeholder="如：花园街道网格化管理服务中心" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="reason" label={reasonLabel} rules={[{ required: true, message: `请填写${reasonLabel}` }, { min: 2, message: `${reasonLabel}至少 2 个字` }]}>
          <Input.TextArea rows={2} maxLength={300} showCount placeholder={reasonPlaceholder} />
        </Form.Item>
      </Col>
    </Row>
  );
}
