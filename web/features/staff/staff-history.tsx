import { Button, Card, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { fmtDateTime } from '../../components/format';
import type { Assignment, Decision } from './staff-types';

const decisionColors: Record<Decision['kind'], string> = { appoint: 'green', adjust: 'blue', exit: 'gray' };

/** The grids and roles a person serves today; a manager may change a role (end it and open another). */
export function CurrentAssignments({ items, onChangeKind }: { items: Assignment[]; onChangeKind?: (a: Assignment) => void }) {
  return (
    <Table<Assignment>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="current-assignments"
      locale={{ emptyText: '当前没有任职的网格' }}
      columns={[
        { title: '职务', dataIndex: 'roleLabel', render: (r: string) => <Tag color="blue">{r}</Tag> },
        {
          title: '网格',
          key: 'grid',
          render: (_: unknown, a) => (
            <>
              <Link to={`/grids/${a.gridCode}`}>{a.gridName}</Link>
              <div style={{ fontSize: 12, color: '#888' }}>{a.gridCode}</div>
            </>
          ),
        },
        { title: '身份背景 / 派出单位', key: 'bg', render: (_: unknown, a) => a.backgroundLabel ?? a.sourceOrg ?? '—' },
        { title: '任职起始', dataIndex: 'validFrom' },
        ...(onChangeKind
          ? [{ title: '', key: 'act', render: (_: unknown, a: Assignment) => <Button size="small" type="link" onClick={() => onChangeKind(a)}>变更职务</Button> }]
          : []),
      ]}
    />
  );
}

/** Every assignment the person ever held, newest first (valid_to is the first day no longer served). */
export function AssignmentHistory({ items }: { items: Assignment[] }) {
  return (
    <Table<Assignment>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 'max-content' }}
      data-testid="assignment-history"
      columns={[
        { title: '职务', dataIndex: 'roleLabel' },
        {
          title: '网格',
          key: 'grid',
          render: (_: unknown, a) => (
            <>
              <Link to={`/grids/${a.gridCode}`}>{a.gridName}</Link>
              <div style={{ fontSize: 12, color: '#888' }}>{a.gridCode}</div>
            </>
          ),
        },
        { title: '起', dataIndex: 'validFrom' },
        { title: '止', dataIndex: 'validTo', render: (v: string | null) => (v ? `${v}（不含）` : <Tag color="green">至今</Tag>) },
      ]}
    />
  );
}

/** The decisions (任职、调整、退出) with date, reason and deciding body. */
export function DecisionTimeline({ items }: { items: Decision[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">暂无决定记录</Typography.Text>;
  return (
    <Timeline
      data-testid="decision-timeline"
      items={items.map((d) => ({
        color: decisionColors[d.kind],
        content: (
          <div>
            <Typography.Text strong>
              {d.effectiveOn} {d.kindLabel}
            </Typography.Text>
            <div>{d.summary}</div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              原因：{d.reason}；决定机关：{d.decidingBody}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.recordedBy ?? '—'} 于 {fmtDateTime(d.recordedAt)} 登记
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}

export function HistoryCards({ history, decisions }: { history: Assignment[]; decisions: Decision[] }) {
  return (
    <>
      <Card size="small" title="任职、调整与退出决定" style={{ marginBottom: 12 }}>
        <DecisionTimeline items={decisions} />
      </Card>
      <Card size="small" title="任职记录（全部）">
        <AssignmentHistory items={history} />
      </Card>
    </>
  );
}
