import { Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { changeKindLabels, changeStatusLabels } from '../../../common/i18n/zh-CN';
import type { Change } from '../../../common/schemas/grids';
import { fmtDateTime } from '../../components/format';

export const statusColors: Record<Change['status'], string> = { proposed: 'gold', applied: 'green', withdrawn: 'default' };

export function ResultCodes({ codes }: { codes: string[] }) {
  if (codes.length === 0) return <>—</>;
  return (
    <Space size={4} wrap data-testid="result-codes">
      {codes.map((c) => (
        <Link key={c} to={`/grids/${c}`}>
          {c}
        </Link>
      ))}
    </Space>
  );
}

export function ChangeView({ change }: { change: Change }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      data-testid="change-view"
      items={[
        { key: 'kind', label: '调整类型', children: changeKindLabels[change.kind] },
        { key: 'status', label: '状态', children: <Tag color={statusColors[change.status]}>{changeStatusLabels[change.status]}</Tag> },
        { key: 'county', label: '县（市、区）', children: change.countyName },
        { key: 'summary', label: '内容', children: change.summary },
        { key: 'reason', label: '调整原因', children: change.reason },
        { key: 'by', label: '提出', children: `${change.proposedBy} · ${fmtDateTime(change.proposedAt)}` },
        { key: 'applied', label: '生效', children: change.appliedAt ? `${change.appliedBy ?? ''} · ${fmtDateTime(change.appliedAt)}` : '—' },
        { key: 'codes', label: '结果网格编码', children: <ResultCodes codes={change.resultCodes} /> },
        ...(change.warnings.length
          ? [{ key: 'warn', label: '提示', children: <ul style={{ margin: 0, paddingLeft: 18, color: '#d46b08' }}>{change.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul> }]
          : []),
      ]}
    />
  );
}
