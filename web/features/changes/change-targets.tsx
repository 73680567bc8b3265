import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Col, Form, Row } from 'antd';
import { gridKindLabels } from '../../../common/i18n/zh-CN';
import type { GridDetail } from '../../../common/schemas/grids';
import { ErrorAlert } from '../../components/error-alert';
import { DivisionSelect } from '../territory/division-select';
import type { FormKind } from './build-change-input';
import { GridSelect } from './grid-select';

/** Where the change applies: the community, and the grid(s) it changes. */
export function ChangeTargets({ kind, rootCode, divisionCode, target }: {
  kind: FormKind;
  rootCode: string;
  divisionCode?: string;
  target: UseQueryResult<GridDetail>;
}) {
  const g = target.data?.grid;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name="divisionCode"
          label="所在社区（村）"
          rules={kind === 'create' ? [{ required: true, message: '请选择新网格所在的社区（村）' }] : []}
          extra={kind === 'create' ? undefined : '可先选社区（村）再选网格，也可直接输入网格编码'}
        >
          <DivisionSelect rootCode={rootCode} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        {kind === 'create' && (
          <Form.Item name="parentGridCode" label="上级网格（建微网格时选择）">
            <GridSelect divisionCode={divisionCode} placeholder="（可选）选择上级网格" />
          </Form.Item>
        )}
        {(kind === 'redraw' || kind === 'split' || kind === 'retire') && (
          <Form.Item name="gridCode" label={kind === 'retire' ? '要撤销的网格' : kind === 'split' ? '要拆分的网格' : '要调整的网格'} rules={[{ required: true, message: '请选择网格' }]}>
            <GridSelect divisionCode={divisionCode} />
          </Form.Item>
        )}
        {kind === 'merge' && (
          <Form.Item
            name="gridCodes"
            label="要合并的网格（至少 2 个）"
            rules={[{ required: true, type: 'array', min: 2, message: '请选择至少 2 个网格' }]}
          >
            <GridSelect multiple divisionCode={divisionCode} />
          </Form.Item>
        )}
      </Col>
      {kind !== 'create' && kind !== 'merge' && (
        <Col span={24}>
          <ErrorAlert error={target.error} style={{ marginBottom: 12 }} />
          {g && (
            <Alert
              style={{ marginBottom: 12 }}
              type={g.status === 'active' ? 'info' : 'warning'}
              title={`${g.name}（${g.code}）· ${gridKindLabels[g.kind]} · ${target.data!.path.map((p) => p.name).slice(1).join(' / ')}`}
              description={g.status === 'active' ? undefined : '该网格已撤销，不能再调整'}
              data-testid="target-grid"
            />
          )}
        </Col>
      )}
    </Row>
  );
}
