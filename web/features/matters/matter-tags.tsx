import { Tag, Tooltip } from 'antd';
import { fmtDateTime } from '../../components/format';
import type { MatterSummary } from './matters-api';

/** The deadline in force, with its yellow (临期) or red (超期) light, and "暂定" when the county's calendar lacks the next year. */
export function DeadlineCell({ m }: { m: Pick<MatterSummary, 'deadlineAt' | 'mark' | 'deadlineProvisional'> }) {
  if (!m.deadlineAt) return <span style={{ color: '#999' }}>—</span>;
  return (
    <span data-mark={m.mark ?? 'none'}>
      {m.mark === 'red' && <Tag color="red">超期</Tag>}
      {m.mark === 'yellow' && <Tag color="gold">临期</Tag>}
      {fmtDateTime(m.deadlineAt)}
      {m.deadlineProvisional && (
        <Tooltip title="所在县明年的工作日历尚未录入，期限暂按周一至周五计算">
          <Tag style={{ marginLeft: 4 }}>暂定</Tag>
        </Tooltip>
      )}
    </span>
  );
}

export function PriorityTag({ m }: { m: Pick<MatterSummary, 'priority' | 'priorityLabel'> }) {
  if (m.priority === 'normal') return null;
  return <Tag color={m.priority === 'top' ? 'red' : 'orange'}>{m.priorityLabel}</Tag>;
}

const stateColors: Record<string, string> = { pending: 'blue', dispatched: 'purple', handling: 'cyan', verifying: 'geekblue', feedback: 'lime', closed: 'green', parked: 'default', voided: 'default' };
export function StateTag({ m }: { m: Pick<MatterSummary, 'state' | 'stateLabel' | 'request'> }) {
  const req = m.request ? { extension: '延期', park: '挂账', void: '作废' }[m.request.kind] : null;
  return (
    <>
      <Tag color={stateColors[m.state]}>{m.stateLabel}</Tag>
      {req && <Tag color="orange">{req}待审批</Tag>}
    </>
  );
}

/** Pin colours by mark: red overdue, yellow near the deadline, blue otherwise. */
export const markColour = (mark: MatterSummary['mark']) => (mark === 'red' ? '#cf1322' : mark === 'yellow' ? '#d48806' : '#1f5fbf');
