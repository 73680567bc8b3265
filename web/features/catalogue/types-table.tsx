import { Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { priorityLabels } from '../../../common/domain/catalogue';
import { art14Label, ART14_KIND_NUMBERS, limitText } from '../../../common/domain/catalogue-terms';
import type { CatalogueType } from '../../../common/schemas/catalogue';

const priorityColors = { normal: undefined, urgent: 'orange', top: 'red' } as const;

/** The types of a catalogue version, filterable by Art. 14 kind and level-1 group; `actions` adds a column (the editor's). */
export function TypesTable({ types, actions, loading, highlight, localSearch }: { types: CatalogueType[]; actions?: (t: CatalogueType) => ReactNode; loading?: boolean; highlight?: Set<string>; localSearch?: boolean }) {
  const [kind, setKind] = useState<number | undefined>();
  const [group, setGroup] = useState<string | undefined>();
  const [text, setText] = useState('');
  // On a phone the name cell carries the unit and the limits; the other columns would scroll out of sight.
  const narrow = Grid.useBreakpoint().md === false;
  const groups = useMemo(() => [...new Map(types.map((t) => [t.code.slice(0, 2), t.path[0]])).entries()].sort(), [types]);
  const shown = types.filter((t) => (kind === undefined || t.art14Kind === kind) && (group === undefined || t.code.startsWith(group)) && (!text.trim() || t.name.includes(text.trim()) || t.code.startsWith(text.trim())));
  const columns: ColumnsType<CatalogueType> = [
    { title: '编码', dataIndex: 'code', width: 80, responsive: ['sm'], render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    {
      title: '事项',
      key: 'name',
      render: (_: unknown, t) => (
        <div style={{ minWidth: 160 }}>
          <Space size={4} wrap>
            <b>{t.name}</b>
            {t.priority !== 'normal' && <Tag color={priorityColors[t.priority]}>{priorityLabels[t.priority]}</Tag>}
            {t.directToPolice && <Tag color="red">直接转公安</Tag>}
          </Space>
          <div style={{ fontSize: 12, color: '#888' }}>
            {t.path[0]} · {t.path[1]}
          </div>
          {narrow && (
            <div style={{ fontSize: 12 }}>
              {t.sectorLabel} · 处置 {limitText(t.limits.handling)}
              {t.needsVerification ? ` · 核查 ${limitText(t.limits.verification)}` : ''}
              {t.limitsDefault ? '（默认时限）' : ''}
            </div>
          )}
          {narrow && actions?.(t)}
        </div>
      ),
    },
    { title: '条例第十四条', dataIndex: 'art14Kind', width: 130, responsive: ['lg'], render: (k: number) => art14Label(k) },
    { title: '责任单位', dataIndex: 'sectorLabel', width: 110, responsive: ['md'] },
    {
      title: '时限（派遣 / 处置 / 核查 / 反馈）',
      key: 'limits',
      width: 250,
      responsive: ['md'],
      render: (_: unknown, t) => (
        <div>
          <div>
            {limitText(t.limits.dispatch)} / <b>{limitText(t.limits.handling)}</b> / {t.needsVerification ? limitText(t.limits.verification) : '不核查'} / {t.needsFeedback ? limitText(t.limits.feedback) : '不反馈'}
          </div>
          {t.limitsDefault && (
            <Tooltip title={t.handlingBasis ?? undefined}>
              <Tag color="gold" style={{ marginTop: 2 }}>
                默认时限，待本县审核
              </Tag>
            </Tooltip>
          )}
        </div>
      ),
    },
    ...(actions && !narrow ? [{ title: '操作', key: 'actions', width: 120, render: (_: unknown, t: CatalogueType) => actions(t) }] : []),
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        {localSearch && <Input allowClear placeholder="按名称或编码筛选" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 200 }} data-testid="types-filter" />}
        <Select allowClear placeholder="条例第十四条事项类别" style={{ width: 220 }} value={kind} onChange={setKind} options={ART14_KIND_NUMBERS.map((k) => ({ value: k, label: art14Label(k) }))} />
        <Select allowClear placeholder="一级分类" style={{ width: 200 }} value={group} onChange={setGroup} options={groups.map(([c, n]) => ({ value: c, label: `${c} ${n}` }))} />
        <Typography.Text type="secondary">共 {shown.length} 项</Typography.Text>
      </Space>
      <Table<CatalogueType>
        size="small"
        rowKey="code"
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={{ defaultPageSize: 50, showSizeChanger: true }}
        scroll={narrow ? undefined : { x: 800 }}
        rowClassName={(t) => (highlight?.has(t.code) ? 'catalogue-changed-row' : '')}
        expandable={{ expandedRowRender: (t) => <Typography.Paragraph style={{ margin: 0 }}>职责任务{t.dutiesDefault ? '（默认文字）' : ''}：{t.duties}</Typography.Paragraph> }}
      />
    </>
  );
}
