import { Table, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { useRefusals, type Refusal } from './matters-api';

/** 任务拒绝记录: grid workers who refused work outside the published catalogue (Art. 16), for street centres and above. */
export function RefusalsTable() {
  const r = useRefusals(true);
  return (
    <>
      <Typography.Paragraph type="secondary">网格员对事项清单以外、未经县（市、区）人民政府批准的工作任务有权拒绝（条例第十六条）；以下为拒绝记录。</Typography.Paragraph>
      <ErrorAlert error={r.error} />
      <Table<Refusal>
        size="small"
        rowKey="id"
        loading={r.isFetching}
        dataSource={r.data?.items ?? []}
        locale={{ emptyText: '没有拒绝记录' }}
        data-testid="refusals-table"
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: fmtDateTime },
          { title: '街道（乡镇）', dataIndex: 'townshipName', width: 140 },
          { title: '网格员', dataIndex: 'worker', width: 100 },
          { title: '提出要求的单位或个人', dataIndex: 'askedBy', width: 200 },
          { title: '所要求的工作', dataIndex: 'description' },
          { title: '拒绝理由', dataIndex: 'reason' },
        ]}
      />
    </>
  );
}
