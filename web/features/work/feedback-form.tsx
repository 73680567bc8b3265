import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { reporterPhone, useAct, type MatterDetail } from './work-api';
import { Button, Card, Notice, TextArea, colors, inputStyle } from './work-ui';

const METHODS = [
  { key: 'phone', label: '电话' },
  { key: 'visit', label: '上门' },
  { key: 'message', label: '短信' },
] as const;

/** 向群众反馈: tell the resident the outcome (Art. 21), calling them when they left a phone. */
export function FeedbackForm({ detail }: { detail: MatterDetail }) {
  const act = useAct(detail.matter.id);
  const [method, setMethod] = useState<(typeof METHODS)[number]['key'] | null>(null);
  const [reason, setReason] = useState('');
  return (
    <Card title="向群众反馈" testId="feedback-form">
      <Reporter detail={detail} />
      <div style={{ fontSize: 15, color: colors.muted, margin: '12px 0 6px' }}>反馈方式</div>
      <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        {METHODS.map((m) => (
          <Button key={m.key} pressed={method === m.key} onClick={() => setMethod(m.key)} style={{ flex: 1 }} testId={`method-${m.key}`}>
            {m.label}
          </Button>
        ))}
      </div>
      <TextArea label="反馈情况（告知了什么，群众的意见）" value={reason} onChange={setReason} placeholder="如：电话告知反映人井盖已更换，反映人表示满意" rows={3} testId="feedback-reason" />
      {act.isError && <Notice tone="error">{errorMessage(act.error)}</Notice>}
      <Button
        kind="primary"
        disabled={!method || reason.trim().length < 2 || act.isPending}
        onClick={() => act.mutate({ action: 'feed_back', method: method!, reason: reason.trim() })}
        style={{ width: '100%' }}
        testId="feedback-submit"
      >
        {act.isPending ? '正在提交…' : '提交反馈'}
      </Button>
    </Card>
  );
}

/** Who reported it; the full phone only on request with a reason (audited), then a tel: link. */
function Reporter({ detail }: { detail: MatterDetail }) {
  const r = detail.reporter;
  const [asking, setAsking] = useState(false);
  const [why, setWhy] = useState('向反映人反馈办理结果');
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (r.anonymous) return <div style={{ fontSize: 16 }} data-testid="reporter">反映人：匿名（未留联系方式）</div>;
  if (!r.phone) return <div style={{ fontSize: 16 }} data-testid="reporter">反映人：{r.name ?? '未留姓名'}（未留电话）</div>;
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setFull((await reporterPhone(detail.matter.id, why.trim())).phone);
      setAsking(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="reporter">
      <div style={{ fontSize: 16 }}>
        反映人：{r.name ?? '未留姓名'} {full ?? r.phone}
      </div>
      {full && (
        <a href={`tel:${full}`} data-testid="tel-link" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 48, borderRadius: 10, background: colors.ok, color: '#fff', fontSize: 18, textDecoration: 'none', marginTop: 8 }}>
          拨打 {full}
        </a>
      )}
      {!full && detail.mayCallBack && !asking && (
        <Button onClick={() => setAsking(true)} style={{ width: '100%', marginTop: 8 }} testId="show-phone">
          查看完整电话
        </Button>
      )}
      {asking && (
        <div style={{ marginTop: 8 }}>
          <input value={why} onChange={(e) => setWhy(e.target.value)} aria-label="查看原因" style={inputStyle} />
          <div style={{ fontSize: 13, color: colors.faint, margin: '4px 0 8px' }}>查看完整电话会留痕，请写明原因</div>
          {error && <Notice tone="error">{error}</Notice>}
          <Button kind="primary" disabled={busy || why.trim().length < 4} onClick={() => void reveal()} style={{ width: '100%' }}>
            确认查看
          </Button>
        </div>
      )}
    </div>
  );
}
