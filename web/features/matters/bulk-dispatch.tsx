import { useQueryClient } from '@tanstack/react-query';
import { Alert, Input, List, Modal, Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { mattersApi, useDispatchUnits, type MatterSummary } from './matters-api';
import { UnitSelect } from './unit-select';

type Outcome = { id: string; number: string; ok: boolean; message: string };

/**
 * Several pending matters of my level to one unit: one dispatch action per matter, one after the
 * other, so each succeeds or fails on its own and every failure is shown with the server's reason.
 */
export function BulkDispatchDialog({ matters, scopeCode, onClose }: { matters: MatterSummary[]; scopeCode: string; onClose: (done: boolean) => void }) {
  const qc = useQueryClient();
  const units = useDispatchUnits(scopeCode);
  const [orgCode, setOrgCode] = useState<string>();
  const [reason, setReason] = useState('');
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const finished = !running && outcomes.length === matters.length;

  const run = async () => {
    if (!orgCode) return;
    setRunning(true);
    setOutcomes([]);
    for (const m of matters) {
      try {
        await mattersApi.act(m.id, { action: 'dispatch', orgCode, ...(reason.trim() ? { reason: reason.trim() } : {}) });
        setOutcomes((o) => [...o, { id: m.id, number: m.number, ok: true, message: '已派遣' }]);
      } catch (e) {
        setOutcomes((o) => [...o, { id: m.id, number: m.number, ok: false, message: errorMessage(e) }]);
      }
    }
    setRunning(false);
    void qc.invalidateQueries({ queryKey: ['matters'] });
  };
  const failed = outcomes.filter((o) => !o.ok).length;

  return (
    <Modal
      open
      title={`批量派遣 ${matters.length} 件事项`}
      okText={finished ? '完成' : '派遣'}
      cancelText="取消"
      okButtonProps={{ disabled: !orgCode || running, loading: running }}
      cancelButtonProps={{ style: finished ? { display: 'none' } : undefined }}
      onOk={() => (finished ? onClose(true) : run())}
      onCancel={() => !running && onClose(outcomes.length > 0)}
      width={640}
      data-testid="bulk-dispatch"
    >
      <Typography.Paragraph type="secondary">每件事项分别派遣，各自记入流转记录；不是事项清单规定的责任单位时须填写理由。</Typography.Paragraph>
      <div style={{ marginBottom: 8 }}>
        <UnitSelect units={units.data ?? []} loading={units.isLoading} value={orgCode} onChange={setOrgCode} testId="bulk-unit" />
      </div>
      <Input.TextArea rows={2} placeholder="派遣说明（派往非清单规定单位时必填，至少 4 个字）" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <List
        size="small"
        style={{ marginTop: 12 }}
        dataSource={matters}
        renderItem={(m) => {
          const o = outcomes.find((x) => x.id === m.id);
          return (
            <List.Item data-testid={`bulk-row-${m.number}`}>
              <span>{m.number} · {m.typeName}</span>
              {o ? <span>{o.ok ? <Tag color="green">已派遣</Tag> : <><Tag color="red">未派遣</Tag><span style={{ color: '#cf1322' }}>{o.message}</span></>}</span> : running ? <Tag>等待</Tag> : null}
            </List.Item>
          );
        }}
      />
      {running && <Progress percent={Math.round((outcomes.length / matters.length) * 100)} size="small" />}
      {finished && <Alert style={{ marginTop: 8 }} type={failed ? 'warning' : 'success'} showIcon title={failed ? `${matters.length - failed} 件已派遣，${failed} 件未派遣（原因见上）` : `${matters.length} 件已全部派遣`} />}
    </Modal>
  );
}
