import { Button, Card, Descriptions, Space } from 'antd';
import { Link } from 'react-router';
import { gridKindLabels, gridLevelLabels, gridSubKindLabels } from '../../../common/i18n/zh-CN';
import type { GridSummary } from '../../../common/schemas/grids';
import { useCan } from '../auth/auth-api';

export function GridInfoPanel({ grid, onClose }: { grid: GridSummary; onClose: () => void }) {
  const canPropose = useCan('grid.propose');
  return (
    <Card
      size="small"
      title={grid.name}
      extra={<Button type="text" size="small" onClick={onClose} aria-label="关闭">✕</Button>}
      data-testid="grid-info-panel"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'code', label: '网格编码', children: grid.code },
          {
            key: 'kind',
            label: '类型',
            children: `${gridLevelLabels[grid.level]} · ${gridKindLabels[grid.kind]} · ${gridSubKindLabels[grid.subKind]}`,
          },
          { key: 'community', label: '所在社区（村）', children: grid.divisionName },
          { key: 'version', label: '版本', children: `第 ${grid.version} 版` },
        ]}
      />
      <Space wrap>
        <Link to={`/grids/${grid.code}`}>查看详情</Link>
        {canPropose && grid.status === 'active' && grid.level === 'grid' && (
          <Link to={`/changes/new?kind=redraw&grid=${grid.code}`}>调整此网格</Link>
        )}
      </Space>
    </Card>
  );
}
