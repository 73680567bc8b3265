import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { refuseTask } from './work-api';
import { Button, Card, Field, Notice, Shell, TextArea, colors, inputStyle, when } from './work-ui';

interface Recorded {
  id: string;
  at: string;
  askedBy: string;
  description: string;
  reason: string;
}

/**
 * Art. 16: a grid worker may refuse work outside the county's published catalogue. The refusal is
 * recorded (and seen by the street centre), so the worker has it on file.
 */
export function RefusalPage() {
  const [askedBy, setAskedBy] = useState('');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('所要求的工作不在本县（市、区）公布的网格事项清单之内');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Recorded | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    const body = { askedBy: askedBy.trim(), description: description.trim(), reason: reason.trim() };
    try {
      const { id } = await refuseTask(body);
      setDone({ id, at: new Date().toISOString(), ...body });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Shell title="已记录拒绝" back="/work">
        <Card testId="refusal-done">
          <div style={{ fontSize: 18, fontWeight: 700, color: colors.ok, marginBottom: 8 }}>✓ 已记录，街道网格化管理服务中心可查看</div>
          <Row label="提出要求的单位或个人" value={done.askedBy} />
          <Row label="所要求的工作" value={done.description} />
          <Row label="拒绝理由" value={done.reason} />
          <Row label="记录时间" value={when(done.at)} />
        </Card>
        <div style={{ display: 'grid', gap: 8 }}>
          <Button onClick={() => { setDone(null); setAskedBy(''); setDescription(''); }}>再记录一条</Button>
          <Link to="/work" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 48, fontSize: 16, color: colors.muted }}>
            返回我的任务
          </Link>
        </div>
      </Shell>
    );
  }
  return (
    <Shell title="拒绝清单外工作" back="/work">
      <Notice tone="info">依《黑河市网格化管理服务条例》第十六条，网格员有权拒绝事项清单以外的工作。记录后由街道网格化管理服务中心留存。</Notice>
      <Card>
        <Field label="提出要求的单位或个人">
          <input value={askedBy} onChange={(e) => setAskedBy(e.target.value)} placeholder="如：某物业公司、某部门工作人员" style={inputStyle} data-testid="asked-by" />
        </Field>
        <TextArea label="要求做的工作" value={description} onChange={setDescription} placeholder="如：要求网格员代为催收物业费" rows={3} testId="refusal-description" />
        <TextArea label="拒绝理由" value={reason} onChange={setReason} rows={3} testId="refusal-reason" />
        {error && <Notice tone="error">{error}</Notice>}
        <Button kind="primary" disabled={busy || askedBy.trim().length < 2 || description.trim().length < 4 || reason.trim().length < 4} onClick={() => void send()} style={{ width: '100%' }} testId="refusal-submit">
          {busy ? '正在提交…' : '记录拒绝'}
        </Button>
      </Card>
    </Shell>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div style={{ marginBottom: 8 }}>
      <div style={{ fontSize: 14, color: colors.muted }}>{label}</div>
      <div style={{ fontSize: 17, overflowWrap: 'anywhere' }}>{value}</div>
    </div>
  );
}
