import { Tag, Timeline, Typography } from 'antd';
import { changeKindLabels } from '../../../common/i18n/zh-CN';
import type { GridVersion } from '../../../common/schemas/grids';
import { fmtDateTime } from '../../components/format';

export interface GridHistoryProps {
  history: GridVersion[];
  selected: number | null;
  onSelect: (version: number | null) => void;
}

/** Versions newest first; clicking one shows its boundary on the map (click again to hide). */
export function GridHistory({ history, selected, onSelect }: GridHistoryProps) {
  if (history.length === 0) return <Typography.Text type="secondary">暂无历史记录</Typography.Text>;
  return (
    <Timeline
      data-testid="grid-history"
      items={history.map((v) => ({
        key: v.version,
        color: v.validTo ? 'gray' : 'green',
        title: fmtDateTime(v.validFrom),
        content: (
          <div
            role="button"
            tabIndex={0}
            onClick={() => onSelect(selected === v.version ? null : v.version)}
            onKeyDown={(e) => e.key === 'Enter' && onSelect(selected === v.version ? null : v.version)}
            style={{
              cursor: 'pointer', padding: '4px 8px', borderRadius: 4,
              background: selected === v.version ? '#fff1f0' : undefined,
              border: selected === v.version ? '1px solid #ffa39e' : '1px solid transparent',
            }}
          >
            <div>
              <strong>第 {v.version} 版</strong> {v.changeKind && <Tag>{changeKindLabels[v.changeKind]}</Tag>}
              {!v.validTo && <Tag color="green">当前</Tag>}
              {v.name}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.reason ?? '初始划分'} · {v.author ?? '系统'}
              {v.validTo ? ` · 至 ${fmtDateTime(v.validTo)}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
