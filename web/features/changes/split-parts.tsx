import { Button, Card, Radio, Space } from 'antd';
import { GridAttrFields } from './grid-attr-fields';

export const partColors = ['#1677ff', '#389e0d', '#d46b08', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#fa541c'];
export const partLabel = (i: number) => `第 ${i + 1} 部分`;

/** One attribute card per part of a split; the selected card is the one drawn on the map. */
export function SplitParts({ keys, active, onActive, onAdd, onRemove, onCopyOriginal, hasBoundary }: {
  keys: string[];
  active: string;
  onActive: (k: string) => void;
  onAdd: () => void;
  onRemove: (k: string) => void;
  onCopyOriginal: (k: string) => void;
  hasBoundary: (k: string) => boolean;
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {keys.map((k, i) => (
        <Card
          key={k}
          size="small"
          style={{ borderColor: k === active ? partColors[i % partColors.length] : undefined }}
          title={
            <Radio checked={k === active} onChange={() => onActive(k)}>
              <span style={{ color: partColors[i % partColors.length] }}>{partLabel(i)}</span>
              {hasBoundary(k) ? '（已有边界）' : '（未绘制）'}
            </Radio>
          }
          extra={
            <Space size={4}>
              <Button size="small" onClick={() => onCopyOriginal(k)}>从原边界开始</Button>
              {keys.length > 2 && (
                <Button size="small" danger onClick={() => onRemove(k)}>
                  删除
                </Button>
              )}
            </Space>
          }
        >
          <GridAttrFields prefix={['parts', k]} />
        </Card>
      ))}
      {keys.length < 20 && <Button onClick={onAdd}>增加一个部分</Button>}
    </Space>
  );
}
