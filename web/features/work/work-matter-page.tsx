import { useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { FeedbackForm } from './feedback-form';
import { VerifyForm } from './verify-form';
import { photoUrl, useWorkMatter, type MatterDetail } from './work-api';
import { Card, DeadlineMark, Notice, Shell, colors, when } from './work-ui';

/** One matter on the phone: what, where, the photos, how far it has come, and the worker's step. */
export function WorkMatterPage() {
  const { id } = useParams();
  const q = useWorkMatter(id);
  if (q.isPending) return <Shell title="事项" back="/work"><p style={{ color: colors.faint }}>正在加载…</p></Shell>;
  if (q.isError) return <Shell title="事项" back="/work"><Notice tone="error">{errorMessage(q.error)}</Notice></Shell>;
  const d = q.data;
  const m = d.matter;
  return (
    <Shell title={m.typeName} back="/work">
      <Card testId="matter-head">
        <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 6 }}>
          <span data-testid="matter-state" style={{ fontSize: 17, fontWeight: 600, color: m.state === 'closed' ? colors.ok : colors.primary }}>
            {m.stateLabel}
          </span>
          {m.priority !== 'normal' && <span style={{ fontSize: 14, color: colors.red }}>{m.priorityLabel}</span>}
          <DeadlineMark mark={m.mark} />
        </div>
        {m.deadlineAt && <div style={{ fontSize: 15, marginTop: 4 }}>本环节时限：{when(m.deadlineAt)}{m.mark === 'red' ? '（已超期）' : ''}</div>}
        <div style={{ fontSize: 13, color: colors.faint, marginTop: 4, overflowWrap: 'anywhere' }}>
          {m.number} · {m.typePath.slice(0, 2).join(' › ')}
        </div>
        <p style={{ fontSize: 17, margin: '12px 0 8px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.description}</p>
        <div style={{ fontSize: 15, color: colors.muted, overflowWrap: 'anywhere' }}>
          {m.place}
          {m.gridCode && ` · 网格 ${m.gridCode}`}
          {m.address && <div>{m.address}</div>}
        </div>
        <div style={{ fontSize: 15, color: colors.muted, marginTop: 4 }}>{m.handler ? `承办：${m.handler}` : `办理层级：${m.levelLabel}`}</div>
      </Card>
      {d.photos.length > 0 && <Photos matterId={m.id} photos={d.photos} />}
      {d.actions.includes('verify') && <VerifyForm matterId={m.id} />}
      {d.actions.includes('feed_back') && <FeedbackForm detail={d} />}
      <Timeline events={d.timeline} />
    </Shell>
  );
}

function Photos({ matterId, photos }: { matterId: string; photos: MatterDetail['photos'] }) {
  return (
    <Card title={`照片（${photos.length}）`} testId="matter-photos">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
        {photos.map((p) => (
          <a key={p.id} href={photoUrl(matterId, p.id, 'full')} target="_blank" rel="noreferrer" style={{ display: 'block', aspectRatio: '1', borderRadius: 8, overflow: 'hidden', background: '#ddd' }}>
            <img src={photoUrl(matterId, p.id)} alt="事项照片" loading="lazy" style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} />
          </a>
        ))}
      </div>
    </Card>
  );
}

/** The progress in short: when, what, by whom; the newest first. */
function Timeline({ events }: { events: MatterDetail['timeline'] }) {
  return (
    <Card title="办理进度" testId="timeline">
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {[...events].reverse().map((e) => (
          <li key={e.seq} style={{ borderLeft: `3px solid ${colors.line}`, padding: '0 0 12px 12px', position: 'relative' }}>
            <div style={{ fontSize: 16 }}>
              <b>{e.kindLabel}</b> <span style={{ color: colors.muted, fontSize: 14 }}>→ {e.toStateLabel}</span>
            </div>
            <div style={{ fontSize: 13, color: colors.faint }}>
              {when(e.at)} · {e.actorUnit ?? e.actor}
            </div>
            {e.reason && <div style={{ fontSize: 14, color: '#444', marginTop: 2, overflowWrap: 'anywhere' }}>{e.reason.length > 80 ? `${e.reason.slice(0, 80)}…` : e.reason}</div>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
