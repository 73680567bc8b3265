import { Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { useCan } from '../auth/auth-api';
import { useGridStaff } from './staff-api';
import type { GridServing } from './staff-types';

type Item = GridServing['items'][number];
const roleOrder = ['grid_head', 'fulltime', 'exclusive', 'professional', 'parttime', 'building_head', 'unit_head'];

/** Who serves a grid today, or on another day (the registry's answer); the grid's public notice; appointing someone. */
export function GridStaffCard({ gridCode, active }: { gridCode: string; active: boolean }) {
  const [date, setDate] = useState<Dayjs | null>(null);
  const on = date ? date.format('YYYY-MM-DD') : undefined;
  const serving = useGridStaff(gridCode, on);
  const canRead = useCan('staff.read');
  const canManage = useCan('staff.manage');
  const navigate = useNavigate();
  const items = [...(serving.data?.items ?? [])].sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role));

  return (
    <Card
      size="small"
      title={`网格人员${serving.data ? `（${items.length}）` : ''}`}
      data-testid="grid-staff"
      extra={
        <a href={`/g/${encodeURIComponent(gridCode)}`} target="_blank" rel="noopener">
          公示牌 ↗
        </a>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <span>
          日期：
          <DatePicker value={date} onChange={setDate} allowClear placeholder="今天" aria-label="任职日期" />
        </span>
        {date && <Tag color="orange">{date.format('YYYY-MM-DD')} 在任人员</Tag>}
        {canManage && active && (
          <Button type="primary" onClick={() => navigate(`/staff/new?grid=${encodeURIComponent(gridCode)}`)} data-testid="appoint-on-grid">
            任命人员
          </Button>
        )}
      </Space>
      <ErrorAlert error={serving.error} style={{ marginBottom: 8 }} />
      <Table<Item>
        size="small"
        rowKey={(r) => `${r.staffId}:${r.role}`}
        loading={serving.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: on ? `${on} 没有在任人员` : '暂无在任人员' }}
        columns={[
          { title: '职务', dataIndex: 'roleLabel', render: (r: string, i) => <Tag color={i.role === 'grid_head' ? 'red' : 'blue'}>{r}</Tag> },
          { title: '姓名', dataIndex: 'name', render: (n: string, i) => (canRead ? <Link to={`/staff/${i.staffId}`}>{n}</Link> : n) },
          { title: '电话', dataIndex: 'phone', render: (v: string) => <a href={`tel:${v}`}>{v}</a> },
          { title: '派出单位', dataIndex: 'sourceOrg', responsive: ['md'], render: (v: string | null) => v ?? '—' },
          { title: '任职起始', dataIndex: 'since', responsive: ['sm'] },
        ]}
      />
      {!active && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          该网格已撤销；可选择日期查看撤销前的在任人员。
        </Typography.Text>
      )}
    </Card>
  );
}
