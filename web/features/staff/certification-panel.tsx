import { Alert, App, Button, Card, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { useCan } from '../auth/auth-api';
import { ReasonDialog } from './reason-dialog';
import { staffApi, useCertification, useStaffMutation } from './staff-api';
import type { Certificate, CertificationRecord, WorkId } from './staff-types';

const statusColors: Record<Certificate['status'], string> = { valid: 'green', suspended: 'orange', revoked: 'red' };
const eventLabels: Record<Certificate['events'][number]['kind'], string> = { issued: '发证', suspended: '暂停', reinstated: '恢复', revoked: '吊销' };
type CertAction = 'suspend' | 'reinstate' | 'revoke';
const actionLabels: Record<CertAction, string> = { suspend: '暂停', reinstate: '恢复', revoke: '吊销' };

/** Training, the 上岗证 with their history, work IDs and whether the person may take matters (Art. 16, 27). */
export function CertificationPanel({ staffId, active }: { staffId: string; active: boolean }) {
  const rec = useCertification(staffId);
  if (rec.isPending) return <Skeleton active />;
  if (!rec.data) return <ErrorAlert error={rec.error} />;
  return (
    <>
      <RefreshAlert error={rec.error} />
      <Eligibility e={rec.data.eligibility} />
      <Card size="small" title="培训记录" style={{ marginBottom: 12 }}>
        <TrainingTable items={rec.data.training} />
      </Card>
      <Card size="small" title="上岗证" style={{ marginBottom: 12 }}>
        <Certificates items={rec.data.certificates} />
      </Card>
      <Card size="small" title="工作证">
        <WorkIds staffId={staffId} items={rec.data.workIds} active={active} eligible={rec.data.eligibility.ok} />
      </Card>
    </>
  );
}

function Eligibility({ e }: { e: CertificationRecord['eligibility'] }) {
  return e.ok ? (
    <Alert type="success" showIcon title="可以承办事项：持有效上岗证并在网格任职" style={{ marginBottom: 12 }} data-testid="eligibility" />
  ) : (
    <Alert type="warning" showIcon title={`不能承办事项：${e.reason}`} style={{ marginBottom: 12 }} data-testid="eligibility" />
  );
}

function TrainingTable({ items }: { items: CertificationRecord['training'] }) {
  return (
    <Table
      size="small"
      rowKey="courseId"
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无培训记录' }}
      columns={[
        { title: '培训班', dataIndex: 'name', render: (n: string, t) => <Link to={`/training/${t.courseId}`}>{n}</Link> },
        { title: '类型', dataIndex: 'kindLabel' },
        { title: '日期', key: 'd', render: (_: unknown, t) => `${t.startsOn} 至 ${t.endsOn}` },
        { title: '学时', dataIndex: 'hours' },
        { title: '参训', dataIndex: 'attended', render: (v: boolean) => (v ? '是' : '否') },
        { title: '成绩', dataIndex: 'score', render: (v: number | null) => v ?? '—' },
        { title: '结果', dataIndex: 'passed', render: (v: boolean) => (v ? <Tag color="green">合格</Tag> : <Tag>未合格</Tag>) },
      ]}
    />
  );
}

function Certificates({ items }: { items: Certificate[] }) {
  const canManage = useCan('training.manage');
  const { message } = App.useApp();
  const [acting, setActing] = useState<{ cert: Certificate; action: CertAction } | null>(null);
  const change = useStaffMutation((v: { id: string; action: CertAction; reason: string }) => staffApi.certificate(v.id, v.action, v.reason));
  if (items.length === 0) return <Typography.Text type="secondary">尚未取得上岗证（通过岗前培训后自动发证）</Typography.Text>;
  return (
    <>
      <Table<Certificate>
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="certificates"
        expandable={{
          expandedRowRender: (c) => (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {c.events.map((e, i) => (
                <li key={i}>
                  {fmtDateTime(e.at)} {eventLabels[e.kind]}
                  {e.reason ? `：${e.reason}` : ''}
                  {e.by ? `（${e.by}）` : ''}
                </li>
              ))}
            </ul>
          ),
          rowExpandable: (c) => c.events.length > 0,
          defaultExpandAllRows: true,
        }}
        columns={[
          { title: '证号', dataIndex: 'number' },
          { title: '发证日期', dataIndex: 'issuedOn' },
          { title: '有效期至', dataIndex: 'expiresOn' },
          {
            title: '状态',
            key: 'status',
            render: (_: unknown, c) => (
              <Space size={4} wrap>
                <Tag color={statusColors[c.status]}>{c.statusLabel}</Tag>
                {c.statusReason && <Typography.Text type="secondary">{c.statusReason}</Typography.Text>}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'act',
                  render: (_: unknown, c: Certificate) => (
                    <Space size={0} wrap>
                      {c.status === 'valid' && <Button size="small" type="link" onClick={() => setActing({ cert: c, action: 'suspend' })}>暂停</Button>}
                      {c.status === 'suspended' && <Button size="small" type="link" onClick={() => setActing({ cert: c, action: 'reinstate' })}>恢复</Button>}
                      {c.status !== 'revoked' && <Button size="small" type="link" danger onClick={() => setActing({ cert: c, action: 'revoke' })}>吊销</Button>}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {acting && (
        <ReasonDialog
          title={`${actionLabels[acting.action]}上岗证 ${acting.cert.number}`}
          okText={actionLabels[acting.action]}
          danger={acting.action === 'revoke'}
          hint={acting.action === 'revoke' ? '吊销后不能恢复；持证人不能再承办事项，工作证随之失效。' : acting.action === 'suspend' ? '暂停期间持证人不能承办事项，工作证显示为无效。' : undefined}
          pending={change.isPending}
          error={change.error}
          onClose={() => {
            setActing(null);
            change.reset();
          }}
          onSubmit={(reason) =>
            change.mutate(
              { id: acting.cert.id, action: acting.action, reason },
              {
                onSuccess: () => {
                  message.success(`已${actionLabels[acting.action]}上岗证`);
                  setActing(null);
                },
              },
            )
          }
        />
      )}
    </>
  );
}

function WorkIds({ staffId, items, active, eligible }: { staffId: string; items: WorkId[]; active: boolean; eligible: boolean }) {
  const canIssue = useCan('workid.issue');
  const { message } = App.useApp();
  const [revoking, setRevoking] = useState<WorkId | null>(null);
  const issue = useStaffMutation(() => staffApi.issueWorkId(staffId));
  const revoke = useStaffMutation((v: { id: string; reason: string }) => staffApi.revokeWorkId(v.id, v.reason));
  const current = items.find((w) => !w.revokedAt);
  return (
    <>
      {canIssue && active && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Popconfirm
            title={current ? '换发新工作证？原工作证将注销。' : '发放工作证？'}
            okText="发放"
            cancelText="取消"
            onConfirm={() => issue.mutate(undefined, { onSuccess: () => message.success('已发放工作证') })}
            disabled={!eligible}
          >
            <Button type="primary" size="small" loading={issue.isPending} disabled={!eligible} data-testid="issue-work-id">
              {current ? '换发工作证' : '发放工作证'}
            </Button>
          </Popconfirm>
          {!eligible && <Typography.Text type="secondary">须持有效上岗证并在网格任职</Typography.Text>}
        </Space>
      )}
      <ErrorAlert error={issue.error} style={{ marginBottom: 8 }} />
      <Table<WorkId>
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="work-ids"
        locale={{ emptyText: '尚未发放工作证' }}
        columns={[
          { title: '发证日期', dataIndex: 'issuedOn' },
          { title: '有效期至', dataIndex: 'expiresOn' },
          {
            title: '状态',
            key: 'valid',
            render: (_: unknown, w) => (w.valid ? <Tag color="green">有效</Tag> : <Tag color={w.revokedAt ? 'default' : 'orange'}>{w.reason ?? '无效'}</Tag>),
          },
          { title: '注销', key: 'rev', render: (_: unknown, w) => (w.revokedAt ? `${fmtDateTime(w.revokedAt)}${w.revokedReason ? `：${w.revokedReason}` : ''}` : '—') },
          ...(canIssue
            ? [{ title: '操作', key: 'act', render: (_: unknown, w: WorkId) => (!w.revokedAt ? <Button size="small" type="link" danger onClick={() => setRevoking(w)}>注销</Button> : null) }]
            : []),
        ]}
      />
      {revoking && (
        <ReasonDialog
          title="注销工作证"
          okText="注销"
          danger
          pending={revoke.isPending}
          error={revoke.error}
          onClose={() => {
            setRevoking(null);
            revoke.reset();
          }}
          onSubmit={(reason) =>
            revoke.mutate({ id: revoking.id, reason }, { onSuccess: () => { message.success('已注销工作证'); setRevoking(null); } })
          }
        />
      )}
    </>
  );
}
