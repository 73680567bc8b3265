import { Button, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { changeKindLabels, changeStatusLabels } from '../../../common/i18n/zh-CN';
import type { Change } from '../../../common/schemas/grids';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { useCan } from '../auth/auth-api';
import { ChangeActions } from './change-actions';
import { ResultCodes, statusColors } from './change-view';
import { useChanges, type ChangeStatusFilter } from './changes-api';

const tabs: { key: ChangeStatusFilter; label: string }[] = [
  { key: 'proposed', label: '待生效' },
  { key: 'applied', label: '已生效' },
  { key: 'withdrawn', label: '已撤回' },
  { key: 'all', label: '全部' },
];

export function ChangesListPage() {
  const [status, setStatus] = useState<ChangeStatusFilter>('proposed');
  const changes = useChanges(status);
  const canPropose = useCan('grid.propose');
  const navigate = useNavigate();
  return (
    <div className="page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>网格调整</Typography.Title>
        {canPropose && <Button type="primary" onClick={() => navigate('/changes/new')}>新建/调整</Button>}
      </div>
      <Tabs activeKey={status} onChange={(k) => setStatus(k as ChangeStatusFilter)} items={tabs.map((t) => ({ key: t.key, label: t.label }))} />
      <ErrorAlert error={changes.error} />
      <Table<Change>
        size="small"
        rowKey="id"
        loading={changes.isFetching}
        dataSource={changes.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="changes-table"
        columns={[
          { title: '类型', dataIndex: 'kind', width: 90, render: (k: Change['kind']) => changeKindLabels[k] },
          { title: '县（市、区）', dataIndex: 'countyName', width: 110 },
          { title: '内容', dataIndex: 'summary', render: (s: string, c) => <Link to={`/changes/${c.id}`}>{s}</Link> },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: Change['status']) => <Tag color={statusColors[s]}>{changeStatusLabels[s]}</Tag> },
          { title: '提出', key: 'by', width: 170, render: (_, c) => <>{c.proposedBy}<br />{fmtDateTime(c.proposedAt)}</> },
          { title: '结果编码', dataIndex: 'resultCodes', render: (codes: string[]) => <ResultCodes codes={codes} /> },
          { title: '操作', key: 'act', width: 140, render: (_, c) => <ChangeActions change={c} /> },
        ]}
      />
    </div>
  );
}
