import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useMyMatters, useMyQueue, type MatterSummary } from './work-api';
import { Card, DeadlineMark, colors, when } from './work-ui';

/**
 * The grid worker's task list on the phone: what waits for them (verification on site, feedback
 * to the resident) in their grids, and the matters they reported with where each stands.
 */
export function WorkPage() {
  const queue = useMyQueue();
  const all = useMyMatters();
  const waiting = queue.data?.items ?? [];
  const mine = (all.data?.items ?? []).filter((m) => m.reportedByMe);

  return (
    <div style={{ background: colors.bg, minHeight: 'calc(100vh - 64px)', padding: 12, boxSizing: 'border-box' }}>
      <div style={{ maxWidth: 520, margin: '0 auto' }}>
        <Link
          to="/work/report"
          data-testid="report-button"
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 64, borderRadius: 12, background: colors.primary, color: '#fff', fontSize: 22, fontWeight: 700, textDecoration: 'none', marginBottom: 12 }}
        >
          ＋ 上报事项
        </Link>
        {/* Above the lists, so it never moves while they load (a tap meant for it must not open a matter). */}
        <Link to="/work/refuse" data-testid="refuse-link" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 48, marginBottom: 12, fontSize: 16, color: colors.muted }}>
          拒绝清单外工作（第十六条）›
        </Link>
        <Section title="待核查" testId="queue-verifying" items={waiting.filter((m) => m.state === 'verifying')} loading={queue.isPending} error={queue.error} empty="没有待核查的事项" />
        <Section title="待反馈" testId="queue-feedback" items={waiting.filter((m) => m.state === 'feedback')} loading={queue.isPending} error={queue.error} empty="没有待反馈的事项" />
        <Section title="我上报的" testId="my-reports" items={mine} loading={all.isPending} error={all.error} empty="还没有上报过事项" showState />
      </div>
    </div>
  );
}

function Section({ title, items, loading, error, empty, testId, showState }: { title: string; items: MatterSummary[]; loading: boolean; error: unknown; empty: string; testId: string; showState?: boolean }) {
  return (
    <Card title={`${title}${loading ? '' : `（${items.length}）`}`} testId={testId}>
      {loading ? (
        <p style={{ color: colors.faint, margin: 0 }}>正在加载…</p>
      ) : error ? (
        <p style={{ color: colors.error, margin: 0 }}>{errorMessage(error)}</p>
      ) : items.length === 0 ? (
        <p style={{ color: colors.faint, margin: 0 }}>{empty}</p>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((m) => (
            <li key={m.id} style={{ borderTop: `1px solid ${colors.line}` }}>
              <MatterRow m={m} showState={showState} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function MatterRow({ m, showState }: { m: MatterSummary; showState?: boolean }) {
  return (
    <Link to={`/work/matters/${m.id}`} data-testid="matter-row" style={{ display: 'block', padding: '12px 0', minHeight: 44, color: colors.text, textDecoration: 'none' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 17, fontWeight: 600, flex: '1 1 auto', minWidth: 0 }}>{m.typeName}</span>
        {showState && <span style={{ fontSize: 14, color: m.state === 'closed' ? colors.ok : colors.primary, whiteSpace: 'nowrap' }}>{m.stateLabel}</span>}
        <DeadlineMark mark={m.mark} />
      </div>
      <div style={{ fontSize: 15, color: '#444', marginTop: 4, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{m.description}</div>
      <div style={{ fontSize: 13, color: colors.faint, marginTop: 4, overflowWrap: 'anywhere' }}>
        {m.number} · {when(m.createdAt)}
        {m.deadlineAt && ` · 时限 ${when(m.deadlineAt)}`}
      </div>
    </Link>
  );
}
