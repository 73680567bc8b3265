import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { today } from './form-helpers';
import type { Leave, StaffDetail } from './staff-types';

const leaveLabels: Record<Leave['kind'], string> = { annual_paid: '带薪年休假', other_paid: '其他带薪假' };

/** Contract, social and accident insurance, and paid leave: what Art. 28 guarantees, on file. */
export function RecordsPanel({ detail }: { detail: StaffDetail }) {
  const s = detail.staff;
  const now = today();
  const insuranceLapsed = s.accidentInsuranceUntil !== null && s.accidentInsuranceUntil < now;
  const contractLapsed = s.contractEnd !== null && s.contractEnd < now;
  const leaveThisYear = detail.leave.filter((l) => l.startsOn.startsWith(now.slice(0, 4))).reduce((n, l) => n + l.days, 0);
  return (
    <>
      <Card size="small" title="聘用合同与保险" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'contract',
              label: '聘用合同',
              children: s.contractStart || s.contractEnd ? (
                <>
                  {s.contractStart ?? '—'} 至 {s.contractEnd ?? '—'} {contractLapsed && <Tag color="red">已到期</Tag>}
                </>
              ) : (
                '未登记'
              ),
            },
            { key: 'social', label: '社会保险', children: s.socialInsuranceSince ? `自 ${s.socialInsuranceSince} 参保` : <Typography.Text type="warning">未登记</Typography.Text> },
            {
              key: 'accident',
              label: '意外伤害保险',
              children: s.accidentInsuranceSince ? (
                <>
                  {s.accidentInsuranceSince} 至 {s.accidentInsuranceUntil ?? '—'} {insuranceLapsed && <Tag color="red">已到期</Tag>}
                </>
              ) : (
                <Typography.Text type="warning">未登记</Typography.Text>
              ),
            },
            { key: 'leave', label: `${now.slice(0, 4)} 年已休`, children: `${leaveThisYear} 天` },
          ]}
        />
      </Card>
      <Card size="small" title="休假记录">
        <Table<Leave>
          size="small"
          rowKey="id"
          dataSource={detail.leave}
          pagination={detail.leave.length > 10 ? { pageSize: 10 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无休假记录' }}
          data-testid="leave-table"
          columns={[
            { title: '假别', dataIndex: 'kind', render: (k: Leave['kind']) => leaveLabels[k] },
            { title: '起止', key: 'r', render: (_: unknown, l) => `${l.startsOn} 至 ${l.endsOn}` },
            { title: '天数', dataIndex: 'days' },
            { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
