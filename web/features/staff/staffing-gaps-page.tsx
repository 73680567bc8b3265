import { Breadcrumb, Card, Col, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { countyOf, scopeCovers } from '../../../common/domain/division-code';
import { gapKindLabels, type GapKind } from '../../../common/domain/staff';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { useMe } from '../auth/auth-api';
import { useDivisionNode } from '../territory/territory-api';
import { GapsLegend, GapsMap, gapClass, gapClassLabels, gapColors } from './gaps-map';
import { useStaffingGaps } from './staff-api';
import { StaffingSettingsCard } from './staffing-settings-card';
import type { AreaGaps, GridGaps, StaffingGaps } from './staff-types';

const GAP_KINDS = Object.keys(gapKindLabels) as GapKind[];

/** 配备缺口: grids without a head, without a 专职 worker, exclusive grids without their 专属 worker; quotas and over-limit people. */
export function StaffingGapsPage() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const within = params.get('within') ?? me?.scopeCode ?? undefined;
  const gaps = useStaffingGaps(within, !!within);
  const node = useDivisionNode(within);
  const drill = (code: string) => setParams({ within: code });

  if (!within) return <div className="page"><Typography.Text type="secondary">您的账号没有管辖范围</Typography.Text></div>;
  if (gaps.isPending) return <Skeleton active className="page" />;
  if (!gaps.data) return <div className="page"><ErrorAlert error={gaps.error} /></div>;
  const g = gaps.data;
  const scope = me?.scopeCode;
  const path = (node.data?.path ?? []).filter((p) => !scope || scopeCovers(scope, p.code));
  const level = node.data?.division.level;
  const county = level && level !== 'city' ? countyOf(within) : undefined;

  return (
    <div className="page">
      <RefreshAlert error={gaps.error} />
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={path.map((p) => ({ key: p.code, title: p.code === within ? p.name : <a onClick={() => drill(p.code)}>{p.name}</a> }))}
      />
      <Space wrap align="baseline" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="gaps-title">
          配备缺口 · {g.within.name}
        </Typography.Title>
        <Typography.Text type="secondary">按 {g.on} 在任人员计算</Typography.Text>
        {gaps.isFetching && <Typography.Text type="secondary">更新中…</Typography.Text>}
      </Space>
      <Totals g={g} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" title="网格配备地图（点击网格查看详情）">
            <GapsLegend />
            <div style={{ height: 8 }} />
            <GapsMap within={within} grids={g.grids} />
          </Card>
        </Col>
        {g.areas.length > 0 && (
          <Col span={24}>
            <Card size="small" title={`下级区域（${g.areas.length}）· 点击查看`}>
              <AreasTable areas={g.areas} onOpen={drill} />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={12}>
          <Card size="small" title="专职网格员员额">
            <QuotaTable quotas={g.quotas} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`超出对应网格数上限的人员（${g.overloaded.length}）`}>
            <OverloadedTable items={g.overloaded} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title="网格明细">
            <GridsTable grids={g.grids} />
          </Card>
        </Col>
        {county && (
          <Col span={24}>
            <StaffingSettingsCard county={county} />
          </Col>
        )}
      </Row>
    </div>
  );
}

function Totals({ g }: { g: StaffingGaps }) {
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="gap-totals">
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic title="网格" value={g.totals.grids} styles={{ content: { fontSize: 22 } }} />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={5}>
        <Card size="small">
          <Statistic title="有缺口的网格" value={g.totals.gridsWithGaps} styles={{ content: { fontSize: 22, color: g.totals.gridsWithGaps ? '#cf1322' : '#389e0d' } }} />
        </Card>
      </Col>
      {GAP_KINDS.map((k) => (
        <Col xs={12} md={8} xl={5} key={k}>
          <Card size="small">
            <Statistic title={gapKindLabels[k]} value={g.totals.byGap[k]} styles={{ content: { fontSize: 22, color: g.totals.byGap[k] ? gapColors[k] : undefined } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function AreasTable({ areas, onOpen }: { areas: AreaGaps[]; onOpen: (code: string) => void }) {
  return (
    <Table<AreaGaps>
      size="small"
      rowKey="code"
      dataSource={areas}
      pagination={areas.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      data-testid="gap-areas"
      onRow={(a) => ({ onClick: () => onOpen(a.code), style: { cursor: 'pointer' } })}
      columns={[
        { title: '区域', dataIndex: 'name', render: (n: string) => <a>{n}</a> },
        { title: '网格', dataIndex: 'grids', sorter: (a, b) => a.grids - b.grids },
        { title: '有缺口', dataIndex: 'gridsWithGaps', sorter: (a, b) => a.gridsWithGaps - b.gridsWithGaps, defaultSortOrder: 'descend' },
        ...GAP_KINDS.map((k) => ({ title: gapKindLabels[k], key: k, render: (_: unknown, a: AreaGaps) => a.byGap[k] || '—', sorter: (a: AreaGaps, b: AreaGaps) => a.byGap[k] - b.byGap[k] })),
      ]}
    />
  );
}

function QuotaTable({ quotas }: { quotas: StaffingGaps['quotas'] }) {
  return (
    <Table
      size="small"
      rowKey="countyCode"
      dataSource={quotas}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="gap-quotas"
      columns={[
        { title: '县（市、区）', dataIndex: 'countyName' },
        { title: '员额', key: 'q', render: (_: unknown, q) => <>{q.quota}{q.quotaIsDefault && <Typography.Text type="secondary">（按网格数）</Typography.Text>}</> },
        { title: '在岗专职', dataIndex: 'filled' },
        { title: '空缺', dataIndex: 'vacancies', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
      ]}
    />
  );
}

function OverloadedTable({ items }: { items: StaffingGaps['overloaded'] }) {
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.staffId}:${r.role}`}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有超出上限的人员' }}
      columns={[
        { title: '姓名', key: 'n', render: (_: unknown, r) => <Link to={`/staff/${r.staffId}`}>{r.name}</Link> },
        { title: '职务', dataIndex: 'roleLabel' },
        { title: '对应网格', dataIndex: 'grids' },
        { title: '上限', dataIndex: 'limit' },
      ]}
    />
  );
}

function GridsTable({ grids }: { grids: GridGaps[] }) {
  const [only, setOnly] = useState<'gaps' | 'all'>('gaps');
  const shown = only === 'gaps' ? grids.filter((g) => g.gaps.length > 0) : grids;
  return (
    <>
      <Segmented
        value={only}
        onChange={(v) => setOnly(v as 'gaps' | 'all')}
        options={[
          { value: 'gaps', label: `有缺口（${grids.filter((g) => g.gaps.length).length}）` },
          { value: 'all', label: `全部（${grids.length}）` },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Table<GridGaps>
        size="small"
        rowKey="code"
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 760 }}
        columns={[
          { title: '网格', key: 'n', render: (_: unknown, g) => <Link to={`/grids/${g.code}`}>{g.name}</Link> },
          { title: '编码', dataIndex: 'code' },
          {
            title: '缺口',
            key: 'gaps',
            render: (_: unknown, g) =>
              g.gaps.length ? g.gaps.map((k: GapKind) => <Tag key={k} color={gapColors[k]}>{gapKindLabels[k]}</Tag>) : <Tag color={gapColors.none}>{gapClassLabels[gapClass(g.gaps)]}</Tag>,
          },
          { title: '网格长', dataIndex: 'heads' },
          { title: '专职', dataIndex: 'fulltime' },
          { title: '兼职', dataIndex: 'parttime' },
          { title: '专业', dataIndex: 'professional' },
          { title: '专属', dataIndex: 'exclusive' },
        ]}
      />
    </>
  );
}
