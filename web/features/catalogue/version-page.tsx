import { Alert, App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Steps, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { scopeCovers } from '../../../common/domain/division-code';
import type { CatalogueType, CatalogueVersion } from '../../../common/schemas/catalogue';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { useMe } from '../auth/auth-api';
import { catalogueApi, useCatalogueDiff, useCatalogueMutation, useCatalogueVersion } from './catalogue-api';
import { DiffView } from './diff-view';
import { TypeDialog } from './type-dialog';
import { TypesTable } from './types-table';
import { VersionActions } from './version-actions';

const statusColors = { draft: 'default', submitted: 'processing', approved: 'cyan', published: 'green', superseded: 'default', discarded: 'default' } as const;
const stepIndex = { draft: 0, submitted: 1, approved: 2, published: 3, superseded: 3, discarded: 0 } as const;
const day = (s: string | null) => (s ? new Date(s).toLocaleDateString('zh-CN') : '—');

/** The next free code in a level-2 group, offered when a type enters the draft. */
function nextCode(types: CatalogueType[], group = '0901'): string {
  const used = types.filter((t) => t.code.startsWith(group)).map((t) => Number(t.code.slice(4)));
  return `${group}${String(Math.min(99, Math.max(0, ...used) + 1)).padStart(2, '0')}`;
}

function VersionHeader({ v }: { v: CatalogueVersion }) {
  return (
    <>
      <Steps
        size="small"
        current={stepIndex[v.status]}
        status={v.status === 'discarded' ? 'error' : undefined}
        style={{ margin: '8px 0 16px' }}
        items={[{ title: '县级中心编制' }, { title: '报请政府批准' }, { title: '县（市、区）人民政府批准' }, { title: '向社会公布' }]}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'b', label: '底稿', children: v.basedOnVersion ? `第 ${v.basedOnVersion} 版` : v.origin === 'default' ? '平台默认清单' : '—' },
          { key: 'c', label: '起草', children: `${day(v.createdAt)}${v.createdBy ? ` · ${v.createdBy}` : ''}` },
          { key: 's', label: '报请批准', children: day(v.submittedAt) },
          { key: 'a', label: '批准', children: v.approvedAt ? `${day(v.approvedAt)} · ${v.approvedBy ?? ''}${v.approvalRef ? `（${v.approvalRef}）` : ''}` : '—' },
          { key: 'p', label: '公布', children: day(v.publishedAt) },
          { key: 'n', label: '事项数', children: `${v.typeCount} 项` },
          ...(v.note ? [{ key: 'note', label: '修订说明', children: v.note, span: 3 }] : []),
        ]}
      />
    </>
  );
}

/** One version of a county's catalogue: the draft editor for the county centre, the approval view for the government, read-only otherwise. */
export function VersionPage() {
  const { id } = useParams();
  const me = useMe().data;
  const { message } = App.useApp();
  const q = useCatalogueVersion(id);
  const v = q.data?.version;
  const isOpen = !!v && ['draft', 'submitted', 'approved'].includes(v.status);
  const diff = useCatalogueDiff(id, !!v && v.status !== 'discarded');
  const [editing, setEditing] = useState<CatalogueType | null | undefined>(undefined);
  const remove = useCatalogueMutation((code: string) => catalogueApi.removeType(id!, code));
  const changed = useMemo(() => new Set([...(diff.data?.added ?? []), ...(diff.data?.changed ?? [])].map((t) => t.code)), [diff.data]);

  if (q.isPending) return <Skeleton active className="page" />;
  if (!v || !q.data) return <div className="page"><ErrorAlert error={q.error} /></div>;
  const mine = !!me?.scopeCode && scopeCovers(me.scopeCode, v.countyCode);
  const canManage = mine && !!me?.permissions.includes('catalogue.manage');
  const canApprove = mine && !!me?.permissions.includes('catalogue.approve');
  const editable = v.status === 'draft' && canManage;

  return (
    <div className="page">
      <RefreshAlert error={q.error} />
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={`/catalogue?county=${v.countyCode}`}>{v.countyName}事项清单</Link> }, { title: `第 ${v.version} 版` }]} />
      <Space wrap align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="version-title">
          {v.countyName}网格管理服务事项清单 · 第 {v.version} 版
        </Typography.Title>
        <Tag color={statusColors[v.status]}>{v.statusLabel}</Tag>
        {v.status === 'published' && <a href={`/catalogue/${v.countyCode}`} target="_blank" rel="noreferrer">公开页面</a>}
      </Space>
      <VersionHeader v={v} />
      {v.status === 'draft' && v.refusalReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="人民政府退回修改" description={v.refusalReason} />}
      {v.limitsDefaultCount > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${v.limitsDefaultCount} 个事项的时限仍是平台默认值，须由本县（市、区）审核`}
          description="默认时限来自数字城管等标准、原系统阈值或平台拟定（处置时限的依据见各事项），派遣、反馈时限为平台默认。县级中心在草稿中修改或确认后，经县（市、区）人民政府批准公布。"
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <VersionActions v={v} canManage={canManage} canApprove={canApprove} onAdd={() => setEditing(null)} />
        {!isOpen && v.status !== 'discarded' && <Typography.Text type="secondary">本版本{v.status === 'published' ? '现行有效' : '已被新版本替代'}，不能修改；按本版本办理的事项仍按本版本的时限计算。</Typography.Text>}
      </Card>
      <Tabs
        defaultActiveKey={v.status === 'submitted' || v.status === 'approved' ? 'diff' : 'types'}
        items={[
          {
            key: 'types',
            label: `全部事项（${q.data.types.length}）`,
            children: (
              <TypesTable
                types={q.data.types}
                localSearch
                highlight={isOpen ? changed : undefined}
                actions={
                  editable
                    ? (t) => (
                        <Space size={4}>
                          <Button size="small" onClick={() => setEditing(t)}>修改</Button>
                          <Popconfirm title={`退出：将“${t.name}”移出本版清单？`} okText="退出" cancelText="取消" onConfirm={() => remove.mutate(t.code, { onSuccess: () => message.success(`已将“${t.name}”移出草稿`) })}>
                            <Button size="small" danger>退出</Button>
                          </Popconfirm>
                        </Space>
                      )
                    : undefined
                }
              />
            ),
          },
          ...(v.status !== 'discarded'
            ? [{ key: 'diff', label: isOpen ? '与现行版本比较' : '与上一版本比较', children: diff.data ? <DiffView diff={diff.data} /> : <ErrorAlert error={diff.error} /> }]
            : []),
        ]}
      />
      <ErrorAlert error={remove.error} />
      {editable && <TypeDialog versionId={v.id} type={editing ?? null} suggestedCode={nextCode(q.data.types)} open={editing !== undefined} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
