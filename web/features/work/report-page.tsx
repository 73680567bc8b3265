import { useState } from 'react';
import { useMe } from '../auth/auth-api';
import { LocationField } from './location-field';
import { PhotoPicker } from './photo-picker';
import { hasContent, useDraft } from './report-draft';
import { ReportDone } from './report-done';
import { TypePicker } from './type-picker';
import { useReportSubmit } from './use-report-submit';
import { useDuplicates, useGridLookup } from './work-api';
import { Button, Card, Notice, Shell, TextArea, colors, when } from './work-ui';

/**
 * The grid worker's report on the phone (Art. 15, 21): type, description, photos, place, 就地解决.
 * Everything typed is kept as a draft on the phone, and a report that could not be sent goes
 * again by itself when the network returns.
 */
export function ReportPage() {
  // The shell renders pages only once the user is known.
  const me = useMe().data;
  const { draft, update, clear } = useDraft(me?.id ?? 'unknown');
  const submit = useReportSubmit(draft, update, clear);
  const [uploading, setUploading] = useState(0);
  const lookup = useGridLookup(draft.location);
  const county = lookup.data?.county?.code ?? (me?.scopeCode ? `${me.scopeCode.slice(0, 6)}000000` : undefined);
  const dups = useDuplicates(draft.type?.code, draft.location);

  if (submit.phase === 'done' && submit.result) return <ReportDone result={submit.result} onAnother={submit.reset} />;

  const missing = [
    !draft.type && '事项类型',
    draft.description.trim().length < 4 && '描述（至少 4 个字）',
    !draft.location && !draft.gridCode && '位置',
    draft.resolvedOnSpot && draft.result.trim().length < 2 && '处置结果',
  ].filter(Boolean);
  const busy = submit.phase === 'sending' || submit.phase === 'waiting';

  return (
    <Shell title="上报事项" back="/work">
      {submit.phase === 'waiting' && (
        <Notice tone="warn" testId="outbox">
          未发送，网络恢复后自动重发
          <div style={{ fontSize: 14, marginTop: 4 }}>草稿已保存在本机，关闭页面也不会丢失。</div>
          <button type="button" onClick={submit.cancel} style={{ minHeight: 44, border: 'none', background: 'none', color: '#874d00', textDecoration: 'underline', fontSize: 15, padding: 0 }}>
            停止重发，继续修改
          </button>
        </Notice>
      )}
      <fieldset disabled={busy} style={{ border: 'none', margin: 0, padding: 0, minWidth: 0 }}>
        <Card title="事项类型">
          <TypePicker county={county} value={draft.type} onChange={(type) => update({ type })} />
        </Card>
        <Card title="情况描述">
          <TextArea label="发现了什么问题（时间、具体位置、现状）" value={draft.description} onChange={(description) => update({ description })} testId="description" />
        </Card>
        <Card title="现场照片">
          <PhotoPicker
            photos={draft.photos}
            onAdd={(p) => update((d) => ({ photos: [...d.photos, p] }))}
            onRemove={(id) => update((d) => ({ photos: d.photos.filter((x) => x.id !== id) }))}
            onPendingChange={setUploading}
          />
        </Card>
        <Card title="位置">
          <LocationField draft={draft} update={update} />
        </Card>
        {!!dups.data?.items.length && (
          <Card title="附近可能重复的事项" testId="duplicates">
            <p style={{ fontSize: 14, color: colors.muted, margin: '0 0 8px' }}>7 天内 200 米内已有同类事项尚未办结；如是同一问题，可不必重复上报。</p>
            {dups.data.items.map((d) => (
              <div key={d.id} style={{ borderTop: `1px solid ${colors.line}`, padding: '8px 0' }}>
                <div style={{ fontSize: 16 }}>{d.description}</div>
                <div style={{ fontSize: 13, color: colors.faint }}>
                  {d.number} · 约 {d.distanceM} 米 · {when(d.createdAt)}
                </div>
              </div>
            ))}
          </Card>
        )}
        <Card title="就地解决">
          <label style={{ display: 'flex', alignItems: 'center', gap: 12, minHeight: 48, fontSize: 17 }}>
            <input
              type="checkbox"
              role="switch"
              checked={draft.resolvedOnSpot}
              onChange={(e) => update({ resolvedOnSpot: e.target.checked })}
              style={{ width: 28, height: 28 }}
              data-testid="on-spot"
            />
            已在现场解决
          </label>
          {draft.resolvedOnSpot && (
            <>
              <TextArea label="处置结果" value={draft.result} onChange={(result) => update({ result })} placeholder="如：已放置警示桩并通知物业更换" rows={3} testId="result" />
              <div style={{ fontSize: 14, color: colors.muted }}>请在“现场照片”中拍下处置后的情况。</div>
            </>
          )}
        </Card>
      </fieldset>
      {submit.error && <Notice tone="error" testId="submit-error">{submit.error}</Notice>}
      {missing.length > 0 && !busy && <div style={{ fontSize: 14, color: colors.muted, marginBottom: 8 }}>还需填写：{missing.join('、')}</div>}
      {uploading > 0 && <div style={{ fontSize: 14, color: colors.muted, marginBottom: 8 }}>照片尚未全部上传：等待完成，或重试、删除未上传的照片</div>}
      <Button kind="primary" onClick={() => void submit.send()} disabled={busy || missing.length > 0 || uploading > 0} style={{ width: '100%', minHeight: 56, fontSize: 19 }} testId="submit">
        {submit.phase === 'sending' ? '正在提交…' : submit.phase === 'waiting' ? '等待网络…' : draft.resolvedOnSpot ? '提交（就地解决）' : '提交上报'}
      </Button>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8, minHeight: 44 }}>
        <span style={{ fontSize: 13, color: colors.faint }}>{hasContent(draft) ? '草稿已自动保存在本机' : ''}</span>
        {hasContent(draft) && !busy && (
          <button type="button" onClick={() => window.confirm('清空这份草稿？') && clear()} style={{ minHeight: 44, border: 'none', background: 'none', color: colors.muted, fontSize: 15 }}>
            清空草稿
          </button>
        )}
      </div>
    </Shell>
  );
}
