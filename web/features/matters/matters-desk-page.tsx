import { Button, Col, Input, Row, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { useMe } from '../auth/auth-api';
import { DivisionSelect } from '../territory/division-select';
import { BulkDispatchDialog } from './bulk-dispatch';
import { DeadlineCell, PriorityTag, StateTag } from './matter-tags';
import { countyOf, useMatterCounts, useMatterList, type ListQuery, type MatterFilters, type MatterSummary, type StateCounts } from './matters-api';
import { MattersMap } from './matters-map';
import { RefusalsTable } from './refusals-table';
import { TypeSelect, type PickedType } from './type-select';

interface Tab {
  key: string;
  label: string;
  query: Pick<ListQuery, 'state' | 'queue'>;
  count: (c: { byState: StateCounts; mineByState: StateCounts }) => number;
}
const sum = (r: StateCounts) => Object.values(r).reduce((a, b) => a + b, 0);

const CENTRE_TABS: Tab[] = [
  // My level's pending matters, and the requests (extension, parking, voiding) waiting for my approval.
  { key: 'mine', label: '待我处置', query: { state: 'open', queue: 'mine' }, count: (c) => sum(c.mineByState) - c.mineByState.closed - c.mineByState.voided },
  { key: 'dispatched', label: '已派遣待签收', query: { state: 'dispatched' }, count: (c) => c.byState.dispatched },
  { key: 'handling', label: '处置中', query: { state: 'handling' }, count: (c) => c.byState.handling },
  { key: 'verifying', label: '待核查', query: { state: 'verifying' }, count: (c) => c.byState.verifying },
  { key: 'feedback', label: '待反馈', query: { state: 'feedback' }, count: (c) => c.byState.feedback },
  { key: 'parked', label: '挂账', query: { state: 'parked' }, count: (c) => c.byState.parked },
  { key: 'closed', label: '已结案', query: { state: 'closed' }, count: (c) => c.byState.closed },
  { key: 'all', label: '全部', query: { state: 'all' }, count: (c) => sum(c.byState) },
];
const UNIT_TABS: Tab[] = [
  { key: 'mine', label: '待签收', query: { state: 'dispatched', queue: 'mine' }, count: (c) => c.mineByState.dispatched },
  { key: 'handling', label: '办理中', query: { state: 'handling', queue: 'mine' }, count: (c) => c.mineByState.handling },
  { key: 'history', label: '已办结 / 回退（全部经办）', query: { state: 'all' }, count: (c) => sum(c.byState) - c.mineByState.dispatched - c.mineByState.handling },
];
const PAGE = 50;
const LEVEL_OF: Record<string, string> = { community_station: 'community', street_centre: 'street', county_centre: 'county', city_centre: 'city' };

/**
 * 事项办理台: the dispatcher desk of a grid centre (community, street, county, city), and the inbox
 * of a department or service unit — queues by state with counts, filters, the open matters on a
 * map, bulk dispatch of my level's pending matters, and (street and above) the workers' refusals.
 */
export function MattersDeskPage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unit = me?.role === 'department';
  const tabs = unit ? UNIT_TABS : CENTRE_TABS;
  const tabKey = params.get('tab') ?? 'mine';
  const tab = tabs.find((t) => t.key === tabKey) ?? (tabKey === 'refusals' ? null : tabs[0]);
  const showRefusals = ['street_centre', 'county_centre', 'city_centre'].includes(me?.role ?? '');

  const [mark, setMark] = useState<'yellow' | 'red'>();
  const [type, setType] = useState<PickedType | null>(null);
  const [q, setQ] = useState('');
  const [within, setWithin] = useState<string>();
  const [page, setPage] = useState(1);
  const [view, setView] = useState<'table' | 'map'>('table');
  const [selected, setSelected] = useState<MatterSummary[]>([]);
  const [bulk, setBulk] = useState(false);

  const filters: MatterFilters = { mark, typeCode: type?.code, q: q.trim() || undefined, within };
  const counts = useMatterCounts(filters);
  const list = useMatterList({ ...filters, ...(tab?.query ?? {}), limit: PAGE, offset: (page - 1) * PAGE }, !!tab && !!me);
  const open = useMatterList({ ...filters, state: 'open', limit: 500 }, view === 'map' && !!me);
  const scope = me?.scopeCode ?? undefined;
  const county = within ? countyOf(within) : scope && scope !== '231100000000' ? countyOf(scope) : undefined;
  // Bulk dispatch: my own level's pending matters (the 待我处置 queue) of a centre that dispatches (not the city).
  const mayBulk = !unit && tabKey === 'mine' && me?.role !== 'city_centre';

  const columns: ColumnsType<MatterSummary> = [
    { title: '编号', key: 'number', dataIndex: 'number', width: 165, render: (n: string, m) => <Link to={`/matters/${m.id}`}>{n}</Link> },
    {
      title: '类型',
      key: 'type',
      render: (_, m) => (
        <>
          <PriorityTag m={m} />
          {m.typeName}
          <div style={{ color: '#888', fontSize: 12, maxWidth: 300, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={m.description}>{m.description}</div>
        </>
      ),
    },
    { title: '地点', key: 'place', width: 220, render: (_, m) => <>{m.place}{m.gridCode && <div style={{ color: '#888', fontSize: 12 }}>网格 {m.gridCode}</div>}</> },
    { title: '状态', key: 'state', width: 140, render: (_, m) => <StateTag m={m} /> },
    { title: '层级', key: 'level', dataIndex: 'levelLabel', width: 100 },
    { title: '承办', key: 'handler', dataIndex: 'handler', width: 170, render: (h: string | null) => h ?? '—' },
    { title: '登记时间', key: 'created', dataIndex: 'createdAt', width: 140, render: fmtDateTime },
    { title: '期限', key: 'deadline', width: 210, render: (_, m) => <DeadlineCell m={m} /> },
  ];

  const changeTab = (k: string) => {
    setParams(k === 'mine' ? {} : { tab: k }, { replace: true });
    setPage(1);
    setSelected([]);
  };
  const tabItems = [
    ...tabs.map((t) => ({ key: t.key, label: `${t.label}${counts.data ? `（${t.count(counts.data)}）` : ''}` })),
    ...(showRefusals ? [{ key: 'refusals', label: '任务拒绝记录' }] : []),
  ];

  return (
    <div className="page">
      <Row justify="space-between" align="middle" style={{ marginBottom: 8 }}>
        <Col>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="desk-title">
            {unit ? `事项收件箱 · ${me?.department ?? ''}` : `事项办理台 · ${me?.scopeName ?? ''}`}
          </Typography.Title>
          <Typography.Text type="secondary">
            {unit ? '派遣给本单位的事项：签收后办理，办结后反馈处置结果；不属本单位职责的及时回退。' : '本级待处置的事项自行处置、上报上级或派遣至有关部门；临期黄灯、超期红灯。'}
          </Typography.Text>
        </Col>
        <Col>
          <Button type="primary" onClick={() => navigate('/matters/new')}>登记事项</Button>
        </Col>
      </Row>
      <Tabs activeKey={tab?.key ?? 'refusals'} onChange={changeTab} items={tabItems} data-testid="desk-tabs" />
      {tabKey === 'refusals' ? (
        <RefusalsTable />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              allowClear
              placeholder="期限灯"
              style={{ width: 120 }}
              value={mark}
              onChange={(v) => { setMark(v); setPage(1); }}
              options={[{ value: 'yellow', label: '黄灯（临期）' }, { value: 'red', label: '红灯（超期）' }]}
              data-testid="mark-filter"
            />
            <TypeSelect county={county} value={type} onChange={(t) => { setType(t); setPage(1); }} testId="type-filter" />
            {!unit && scope && (
              <div style={{ width: 260 }}>
                <DivisionSelect rootCode={scope} value={within} onChange={(v) => { setWithin(v); setPage(1); }} placeholder="辖区内的街道、社区" />
              </div>
            )}
            <Input.Search allowClear placeholder="编号、类型或描述" style={{ width: 220 }} onSearch={(v) => { setQ(v); setPage(1); }} data-testid="desk-search" />
            <Segmented value={view} onChange={(v) => setView(v as 'table' | 'map')} options={[{ value: 'table', label: '列表' }, { value: 'map', label: '列表 + 地图' }]} data-testid="view-toggle" />
            {mayBulk && (
              <Button disabled={selected.length === 0} onClick={() => setBulk(true)} data-testid="bulk-dispatch-button">
                批量派遣{selected.length ? `（${selected.length}）` : ''}
              </Button>
            )}
          </Space>
          <ErrorAlert error={list.error ?? counts.error} style={{ marginBottom: 8 }} />
          <Row gutter={12}>
            <Col span={view === 'map' ? 14 : 24}>
              <Table<MatterSummary>
                size="small"
                rowKey="id"
                loading={list.isFetching}
                dataSource={list.data?.items ?? []}
                columns={view === 'map' ? columns.filter((c) => !['place', 'level', 'created'].includes(String(c.key))) : columns}
                rowSelection={mayBulk ? { selectedRowKeys: selected.map((m) => m.id), onChange: (_, rows) => setSelected(rows), getCheckboxProps: (m) => ({ disabled: m.state !== 'pending' || !!m.request || m.level !== LEVEL_OF[me?.role ?? ''] }) } : undefined}
                pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 件` }}
                scroll={{ x: view === 'map' ? 700 : 1200 }}
                locale={{ emptyText: '没有符合条件的事项' }}
                data-testid="matters-table"
              />
            </Col>
            {view === 'map' && (
              <Col span={10}>
                <ErrorAlert error={open.error} />
                <MattersMap items={open.data?.items ?? []} scopeCode={within ?? scope} />
              </Col>
            )}
          </Row>
        </>
      )}
      {bulk && scope && (
        <BulkDispatchDialog
          matters={selected}
          scopeCode={scope}
          onClose={(done) => {
            setBulk(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </div>
  );
}

