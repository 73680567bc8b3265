import { Alert, App, Button, Card, Input, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { countyOf, scopeCovers } from '../../../common/domain/division-code';
import type { CatalogueVersion } from '../../../common/schemas/catalogue';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { useDebounced } from '../../components/use-debounced';
import { useMe } from '../auth/auth-api';
import { catalogueApi, useCatalogueCounties, useCatalogueMutation, useCatalogueOverview, useCatalogueVersion, useTypeSearch } from './catalogue-api';
import { TypesTable } from './types-table';

const day = (s: string | null) => (s ? new Date(s).toLocaleDateString('zh-CN') : '—');

function VersionsTable({ versions }: { versions: CatalogueVersion[] }) {
  return (
    <Table<CatalogueVersion>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={versions}
      columns={[
        { title: '版本', dataIndex: 'version', width: 80, render: (n: number, v) => <Link to={`/catalogue/versions/${v.id}`}>第 {n} 版</Link> },
        { title: '状态', dataIndex: 'statusLabel', width: 130, render: (s: string, v) => <Tag color={v.status === 'published' ? 'green' : v.status === 'submitted' ? 'processing' : undefined}>{s}</Tag> },
        { title: '事项数', dataIndex: 'typeCount', width: 80 },
        { title: '批准', key: 'a', render: (_: unknown, v) => (v.approvedAt ? `${day(v.approvedAt)}${v.approvalRef ? ` ${v.approvalRef}` : ''}` : v.origin === 'default' ? '平台默认，未经批准' : '—') },
        { title: '公布', key: 'p', render: (_: unknown, v) => day(v.publishedAt) },
        { title: '说明', dataIndex: 'note', responsive: ['md'] },
      ]}
    />
  );
}

/** 事项清单: the county's published catalogue for every official, with search, history and (for the county centre) a new draft. */
export function CataloguePage() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const counties = useCatalogueCounties().data?.items ?? [];
  const own = me?.scopeCode ? countyOf(me.scopeCode) : undefined;
  const county = params.get('county') ?? (own && counties.some((c) => c.code === own) ? own : me?.scopeCode === '231171000000' ? '231171000000' : counties[0]?.code);
  const overview = useCatalogueOverview(county);
  const o = overview.data;
  const publishedTypes = useCatalogueVersion(o?.published?.id);
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 200);
  const search = useTypeSearch(county, dq);
  const canManage = !!county && !!me?.scopeCode && scopeCovers(me.scopeCode, county) && !!me.permissions.includes('catalogue.manage');
  const draft = useCatalogueMutation(() => catalogueApi.createDraft(county!));

  if (!county || overview.isPending) return <Skeleton active className="page" />;
  if (!o) return <div className="page"><ErrorAlert error={overview.error} /></div>;
  const p = o.published;

  return (
    <div className="page">
      <RefreshAlert error={overview.error} />
      <Space wrap align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="catalogue-title">
          {o.county.name}网格管理服务事项清单
        </Typography.Title>
        {counties.length > 0 && (!own || !counties.some((c) => c.code === own) || me?.role === 'city_centre') && (
          <Select style={{ width: 220 }} value={county} onChange={(c) => setParams({ county: c })} options={counties.map((c) => ({ value: c.code, label: c.name }))} />
        )}
        <a href={`/catalogue/${county}`} target="_blank" rel="noreferrer">公开页面</a>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        {p ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>现行：第 {p.version} 版</Typography.Text>
              <Typography.Text type="secondary">
                {p.origin === 'default' ? `平台默认清单，${day(p.publishedAt)} 启用` : `${day(p.publishedAt)} 公布 · 经${p.approvedBy ?? '县（市、区）人民政府'}批准${p.approvalRef ? `（${p.approvalRef}）` : ''}`}
              </Typography.Text>
              <Link to={`/catalogue/versions/${p.id}`}>查看版本</Link>
            </Space>
            {p.limitsDefaultCount > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`时限为默认值，须由本县审核：${p.limitsDefaultCount} / ${p.typeCount} 个事项`}
                description="各事项的派遣、处置、现场核查、反馈时限由县（市、区）网格化管理服务中心会同有关部门确定，经县（市、区）人民政府批准后公布（条例第十五条）。平台默认时限只保证开箱可用，不是本县的规定。"
              />
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">尚无已公布的事项清单</Typography.Text>
        )}
        {o.open && (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            showIcon
            title={
              <span>
                正在编制第 {o.open.version} 版（{o.open.statusLabel}）· <Link to={`/catalogue/versions/${o.open.id}`}>打开</Link>
              </span>
            }
          />
        )}
        {canManage && !o.open && p && (
          <Button
            style={{ marginTop: 8 }}
            type="primary"
            loading={draft.isPending}
            onClick={() => draft.mutate(undefined, { onSuccess: (v) => { message.success(`已起草第 ${v.version} 版`); navigate(`/catalogue/versions/${v.id}`); } })}
          >
            起草新版本
          </Button>
        )}
        <ErrorAlert error={draft.error} style={{ marginTop: 8 }} />
      </Card>
      <Card size="small" title="现行事项" style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="按名称、拼音首字母（如 blj）或编码查找" value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 420, marginBottom: 8 }} data-testid="catalogue-search" />
        <ErrorAlert error={search.error ?? publishedTypes.error} />
        <TypesTable types={dq.trim() ? (search.data?.items ?? []) : (publishedTypes.data?.types ?? [])} loading={dq.trim() ? search.isFetching : publishedTypes.isPending} />
      </Card>
      <Card size="small" title="历次版本">
        <VersionsTable versions={o.versions} />
      </Card>
    </div>
  );
}
