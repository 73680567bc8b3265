import { Link } from 'react-router';
import type { IntakeResult } from './work-api';
import { Button, Card, Shell, colors } from './work-ui';

/** After a report is accepted: its number and the tracking code to give the resident. */
export function ReportDone({ result, onAnother }: { result: IntakeResult; onAnother: () => void }) {
  const m = result.matter;
  return (
    <Shell title="上报成功" back="/work">
      <Card testId="report-done">
        <div style={{ fontSize: 20, fontWeight: 700, color: colors.ok, marginBottom: 12 }}>✓ 已上报：{m.typeName}</div>
        <div style={{ fontSize: 15, color: colors.muted }}>事项编号</div>
        <div data-testid="done-number" style={{ fontSize: 22, fontWeight: 600, marginBottom: 12, overflowWrap: 'anywhere' }}>
          {m.number}
        </div>
        <div style={{ fontSize: 15, color: colors.muted }}>查询码（群众可凭此查询办理进度）</div>
        <div data-testid="done-tracking" style={{ fontSize: 28, fontWeight: 700, letterSpacing: 3, fontFamily: 'monospace', marginBottom: 12, overflowWrap: 'anywhere' }}>
          {result.trackingCode}
        </div>
        <div style={{ fontSize: 16 }}>
          当前状态：{m.stateLabel}
          {m.handler && `（${m.handler}）`}
        </div>
      </Card>
      <div style={{ display: 'grid', gap: 8 }}>
        <Link to={`/work/matters/${m.id}`} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 48, borderRadius: 10, border: '1px solid #ccc', background: '#fff', color: colors.text, fontSize: 17, textDecoration: 'none' }}>
          查看事项
        </Link>
        <Button kind="primary" onClick={onAnother} testId="report-another">
          再报一件
        </Button>
        <Link to="/work" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 48, fontSize: 16, color: colors.muted }}>
          返回我的任务
        </Link>
      </div>
    </Shell>
  );
}
