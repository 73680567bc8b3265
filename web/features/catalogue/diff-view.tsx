import { Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { limitText } from '../../../common/domain/catalogue-terms';
import type { CatalogueDiff, CatalogueType } from '../../../common/schemas/catalogue';

function TypeLine({ t }: { t: CatalogueType }) {
  return (
    <Space wrap size={6}>
      <Typography.Text code>{t.code}</Typography.Text>
      <b>{t.name}</b>
      <Typography.Text type="secondary">
        {t.path[0]} · {t.path[1]} · {t.sectorLabel} · 处置 {limitText(t.limits.handling)}
      </Typography.Text>
    </Space>
  );
}

/** What a version changes against the one it replaces: types entering (准入), leaving (退出) and changed. */
export function DiffView({ diff }: { diff: CatalogueDiff }) {
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="catalogue-diff">
      <Typography.Text type="secondary">{diff.against ? `与第 ${diff.against.version} 版相比` : '没有可比较的上一版本'}</Typography.Text>
      {none && <Empty description="与上一版本相比没有变化（例如仅确认默认时限）" />}
      {diff.added.length > 0 && (
        <Card size="small" title={<><Tag color="green">准入</Tag>新增 {diff.added.length} 个事项</>}>
          <List size="small" dataSource={diff.added} renderItem={(t) => <List.Item><TypeLine t={t} /></List.Item>} />
        </Card>
      )}
      {diff.removed.length > 0 && (
        <Card size="small" title={<><Tag color="red">退出</Tag>删除 {diff.removed.length} 个事项</>}>
          <List size="small" dataSource={diff.removed} renderItem={(t) => <List.Item><TypeLine t={t} /></List.Item>} />
        </Card>
      )}
      {diff.changed.length > 0 && (
        <Card size="small" title={<><Tag color="blue">变更</Tag>{diff.changed.length} 个事项有修改</>}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={diff.changed}
            columns={[
              { title: '事项', key: 'name', width: 200, render: (_: unknown, c) => <Space size={4}><Typography.Text code>{c.code}</Typography.Text>{c.name}</Space> },
              {
                title: '修改内容（原 → 新）',
                key: 'changes',
                render: (_: unknown, c) => (
                  <div>
                    {c.changes.map((x) => (
                      <div key={x.field}>
                        <Typography.Text type="secondary">{x.label}：</Typography.Text>
                        <Typography.Text delete>{x.before}</Typography.Text> → <b>{x.after}</b>
                      </div>
                    ))}
                  </div>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
