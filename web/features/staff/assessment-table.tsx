import { Alert, Grid, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Grade } from '../../../common/domain/staff';
import type { Assessment } from './staff-types';

export const gradeColors: Record<Grade, string> = { excellent: 'green', qualified: 'blue', basically_qualified: 'orange', unqualified: 'red' };

/** Daily and annual assessments; the platform's own figures are not available until the matters module exists. */
export function AssessmentTable({ items, loading, showPerson = true }: { items: Assessment[]; loading?: boolean; showPerson?: boolean }) {
  // On a phone: who, when, score and grade; the rest from md up.
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Table<Assessment>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={narrow ? undefined : { x: 800 }}
      locale={{ emptyText: '暂无考核记录' }}
      data-testid="assessment-table"
      columns={[
        ...(showPerson
          ? ([
              { title: '姓名', key: 'name', render: (_: unknown, a: Assessment) => <Link to={`/staff/${a.staffId}`}>{a.staffName}</Link> },
              { title: '街道（乡镇）', dataIndex: 'townshipName', responsive: ['md'] },
            ] as ColumnsType<Assessment>)
          : []),
        { title: '类型', dataIndex: 'kindLabel', responsive: ['sm'] },
        { title: '期间', dataIndex: 'period' },
        { title: '分数', dataIndex: 'score' },
        { title: '等次', key: 'grade', render: (_: unknown, a) => <Tag color={gradeColors[a.grade]}>{a.gradeLabel}</Tag> },
        { title: '评语', dataIndex: 'remarks', responsive: ['md'], render: (r: string | null) => r ?? '—' },
        { title: '考核单位', key: 'by', responsive: ['lg'], render: (_: unknown, a) => `${a.assessorUnit}${a.assessor ? `（${a.assessor}）` : ''}` },
        { title: '考核日期', dataIndex: 'assessedOn', responsive: ['lg'] },
      ]}
    />
  );
}

export function FiguresNote({ note }: { note?: string }) {
  if (!note) return null;
  return <Alert type="info" showIcon title={note} style={{ marginBottom: 12 }} data-testid="figures-note" />;
}
