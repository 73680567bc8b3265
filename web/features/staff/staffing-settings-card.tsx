import { App, Button, Card, Col, Descriptions, Form, InputNumber, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useCan } from '../auth/auth-api';
import { staffApi, useStaffingSettings, useStaffMutation } from './staff-api';
import type { StaffingSettings } from './staff-types';

type Values = Omit<StaffingSettings, 'countyCode' | 'countyName' | 'isDefault'>;
const fields: { key: keyof Values; label: string; max: number }[] = [
  { key: 'maxGridsHead', label: '一名网格长最多对应网格数', max: 100 },
  { key: 'maxGridsFulltime', label: '一名专职网格员最多对应网格数', max: 100 },
  { key: 'maxGridsParttime', label: '一名兼职网格员最多对应网格数', max: 100 },
  { key: 'maxGridsProfessional', label: '一名专业网格员最多对应网格数', max: 1000 },
];

/** A county's own staffing rules (Art. 13) and 专职 quota (Art. 29); the county centre edits them. */
export function StaffingSettingsCard({ county }: { county: string }) {
  const settings = useStaffingSettings(county);
  const canEdit = useCan('staffing.settings');
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useStaffMutation((v: Values) => staffApi.saveSettings(county, v));
  const s = settings.data;

  return (
    <Card
      size="small"
      title={`${s?.countyName ?? ''}配备规则`}
      extra={s && (s.isDefault ? <Tag>默认规则</Tag> : <Tag color="blue">本县规定</Tag>)}
      loading={settings.isPending}
      data-testid="staffing-settings"
    >
      <ErrorAlert error={settings.error} />
      {s && !editing && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              ...fields.map((f) => ({ key: f.key, label: f.label, children: `${s[f.key]} 个` })),
              { key: 'quota', label: '专职网格员员额', children: s.fulltimeQuota === null ? '未设定（按每个网格 1 名计）' : `${s.fulltimeQuota} 名` },
            ]}
          />
          {canEdit && (
            <Button
              size="small"
              onClick={() => {
                form.setFieldsValue(s);
                setEditing(true);
              }}
            >
              修改规则
            </Button>
          )}
        </>
      )}
      {s && editing && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate(
              { ...v, fulltimeQuota: v.fulltimeQuota ?? null },
              {
                onSuccess: () => {
                  message.success('已保存配备规则');
                  setEditing(false);
                },
              },
            )
          }
        >
          <Row gutter={12}>
            {fields.map((f) => (
              <Col xs={24} md={12} key={f.key}>
                <Form.Item name={f.key} label={f.label} rules={[{ required: true, message: '请填写' }]}>
                  <InputNumber min={1} max={f.max} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={12}>
              <Form.Item name="fulltimeQuota" label="专职网格员员额（留空：按每个网格 1 名计）">
                <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
