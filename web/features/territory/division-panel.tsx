import { Card, Col, Descriptions, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { DivisionNode } from '../../../common/schemas/territory';
import { useCan } from '../auth/auth-api';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { PathBreadcrumb } from '../../components/path-breadcrumb';
import { DivisionGridsTable } from './division-grids-table';
import { DivisionMap } from './division-map';
import { specialTag, useDivisionNode } from './territory-api';

type Child = DivisionNode['children'][number];
const levelLabels = { city: '市级', county: '县级', township: '乡级', village: '村级' } as const;

export function DivisionPanel({ code }: { code: string }) {
  const node = useDivisionNode(code);
  const canPropose = useCan('grid.propose');
  if (node.isPending) return <Skeleton active />;
  if (!node.data) return <ErrorAlert error={node.error} />;
  const { division: d, path, children, activeGrids } = node.data;
  const tag = specialTag(d);
  return (
    <div data-testid="division-panel">
      <RefreshAlert error={node.error} />
      <PathBreadcrumb path={path} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {d.name}
        </Typography.Title>
        <Tag>{d.kindLabel}</Tag>
        {tag && <Tag color="purple">{tag}</Tag>}
        {canPropose && d.level === 'village' && <Link to={`/changes/new?kind=create&division=${d.code}`}>在此新建网格</Link>}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'code', label: '区划代码', children: d.code },
              { key: 'kind', label: '类别', children: `${d.kindLabel}（${levelLabels[d.level]}）` },
              { key: 'src', label: '代码来源', children: d.codeSource === 'nbs' ? '国家统计用区划代码' : '本地编码' },
              { key: 'grids', label: '在用网格', children: `${activeGrids} 个` },
              { key: 'b', label: '边界', children: d.hasBoundary ? d.boundarySource ?? '有' : '暂无' },
            ]}
          />
        </Col>
        <Col xs={24} xl={14}>
          <DivisionMap key={code} code={code} />
        </Col>
        {children.length > 0 && (
          <Col span={24}>
            <Card size="small" title={`下级区划（${children.length}）`}>
              <ChildrenTable items={children} />
            </Card>
          </Col>
        )}
        <Col span={24}>
          <Card size="small" title="网格">
            <DivisionGridsTable key={code} code={code} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function ChildrenTable({ items }: { items: Child[] }) {
  return (
    <Table<Child>
      size="small"
      rowKey="code"
      dataSource={items}
      scroll={{ x: true }}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        {
          title: '名称',
          dataIndex: 'name',
          render: (n: string, c) => (
            <Space size={4}>
              <Link to={`/territory/${c.code}`}>{n}</Link>
              {specialTag(c) && <Tag color="purple">{specialTag(c)}</Tag>}
            </Space>
          ),
        },
        { title: '区划代码', dataIndex: 'code' },
        { title: '类别', dataIndex: 'kindLabel' },
        { title: '在用网格', dataIndex: 'activeGrids', align: 'right', sorter: (a, b) => a.activeGrids - b.activeGrids },
      ]}
    />
  );
}
