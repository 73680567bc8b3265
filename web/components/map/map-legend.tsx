import { Space } from 'antd';
import { gridKindLabels } from '../../../common/i18n/zh-CN';
import { gridKindColors } from './grid-style';

export function MapLegend({ micro }: { micro?: boolean }) {
  return (
    <Space size={12} wrap style={{ fontSize: 12 }} data-testid="map-legend">
      {(Object.keys(gridKindLabels) as (keyof typeof gridKindLabels)[]).map((k) => (
        <span key={k}>
          <span
            style={{
              display: 'inline-block', width: 12, height: 12, marginRight: 4, verticalAlign: -1,
              background: gridKindColors[k], opacity: 0.6, border: `1px solid ${gridKindColors[k]}`,
            }}
          />
          {gridKindLabels[k]}
        </span>
      ))}
      {micro && (
        <span>
          <span style={{ display: 'inline-block', width: 12, height: 0, borderTop: '2px dashed #722ed1', marginRight: 4, verticalAlign: 3 }} />
          微网格
        </span>
      )}
    </Space>
  );
}
