import { App, Badge, Button, Input, Modal, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { changeKindLabels } from '../../../common/i18n/zh-CN';
import type { Filing } from '../../../common/schemas/grids';
import { errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { useCan } from '../auth/auth-api';
import { ResultCodes } from '../changes/change-view';
import { useAcknowledgeFiling, useFilings, type FilingStatusFilter } from './filings-api';

/** 市中心备案: every grid division/adjustment that took effect in a county (Art. 8 para. 2). */
export function FilingsPage() {
  const [status, setStatus] = useState<FilingStatusFilter>('pending');
  const filings = useFilings(status);
  const pendingCount = filings.data?.pendingCount;
  const canAck = useCan('filing.acknowledge');
  const [acking, setAcking] = useState<Filing | null>(null);

  return (
    <div className="page">
      <Typography.Title level={4} style={{ margin: 0 }}>网格划分调整备案</Typography.Title>
      <Typography.Paragraph type="secondary">县（市、区）网格的划分和调整生效后报市网格化管理服务中心备案（条例第八条第二款）。</Typography.Paragraph>
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k as FilingStatusFilter)}
        items={[
          { key: 'pending', label: <Badge count={pendingCount} size="small" offset={[8, 0]}>待确认</Badge> },
          { key: 'acknowledged', label: '已确认' },
          { key: 'all', label: '全部' },
        ]}
      />
      <ErrorAlert error={filings.error} />
      <Table<Filing>
        size="small"
        rowKey="id"
        loading={filings.isFetching}
        dataSource={filings.data?.items ?? []}
        scroll={{ x: 1000 }}
        data-testid="filings-table"
        columns={[
          { title: '县（市、区）', dataIndex: 'countyName', width: 110 },
          { title: '类型', dataIndex: 'changeKind', width: 90, render: (k: Filing['changeKind']) => changeKindLabels[k] },
          { title: '内容', dataIndex: 'summary' },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          { title: '结果编码', dataIndex: 'resultCodes', render: (c: string[]) => <ResultCodes codes={c} /> },
          { title: '报备', key: 'filed', width: 170, render: (_, f) => <>{f.filedBy}<br />{fmtDateTime(f.filedAt)}</> },
          {
            title: '确认',
            key: 'ack',
            width: 180,
            render: (_, f) =>
              f.acknowledgedAt ? (
                <>
                  {f.acknowledgedBy} · {fmtDateTime(f.acknowledgedAt)}
                  {f.note && <div style={{ color: '#888' }}>备注：{f.note}</div>}
                </>
              ) : canAck ? (
                <Button size="small" type="primary" onClick={() => setAcking(f)}>确认备案</Button>
              ) : (
                '待确认'
              ),
          },
        ]}
      />
      {acking && <AcknowledgeDialog filing={acking} onClose={() => setAcking(null)} />}
    </div>
  );
}

function AcknowledgeDialog({ filing, onClose }: { filing: Filing; onClose: () => void }) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const ack = useAcknowledgeFiling();
  return (
    <Modal
      open
      title="确认备案"
      okText="确认"
      cancelText="取消"
      confirmLoading={ack.isPending}
      onCancel={onClose}
      onOk={() =>
        ack.mutate(
          { id: filing.id, note: note.trim() || undefined },
          { onSuccess: () => { message.success('已确认备案'); onClose(); }, onError: (e) => message.error(errorMessage(e)) },
        )
      }
    >
      <p>{filing.countyName} · {changeKindLabels[filing.changeKind]}：{filing.summary}</p>
      <Input.TextArea rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder="备注（可选）" aria-label="备注" />
      <ErrorAlert error={ack.error} style={{ marginTop: 8 }} />
    </Modal>
  );
}
