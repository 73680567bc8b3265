import { Button, Col, Grid, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { staffRoleLabels, STAFF_ROLES, type StaffRole } from '../../../common/domain/staff';
import { ErrorAlert } from '../../components/error-alert';
import { useCan, useMe } from '../auth/auth-api';
import { DivisionSelect } from '../territory/division-select';
import { ROOT_CODE } from '../territory/territory-api';
import { StaffImportSlot } from './staff-import-slot';
import { useStaffList } from './staff-api';
import type { Staff } from './staff-types';

const PAGE_SIZE = 20;
const statusOptions = [
  { value: 'active', label: '在职' },
  { value: 'exited', label: '已退出' },
  { value: 'all', label: '全部' },
];

/** The people serving the grids in the user's scope; personal data masked as the API gives it. */
export function StaffListPage() {
  const me = useMe().data;
  const canManage = useCan('staff.manage');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const within = params.get('within') ?? undefined;
  const role = (params.get('role') as StaffRole | null) ?? undefined;
  const status = (params.get('status') as 'active' | 'exited' | 'all' | null) ?? 'active';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [search, setSearch] = useState(q);
  // On a phone the table keeps name, posts and status; the rest is on the person's page.
  const narrow = Grid.useBreakpoint().md === false;

  const set = (k: string, v: string | undefined) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      if (k !== 'page') n.delete('page');
      return n;
    });

  const list = useStaffList({ within, role, status, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  return (
    <div className="page">
      <Row gutter={[12, 12]} align="middle" style={{ marginBottom: 12 }}>
        <Col flex="auto">
          <Typography.Title level={4} style={{ margin: 0 }}>
            网格人员{me?.scopeName ? `（${me.scopeName}）` : ''}
          </Typography.Title>
        </Col>
        <Col>
          <Space wrap>
            <StaffImportSlot within={within} />
            {canManage && (
              <Button type="primary" onClick={() => navigate('/staff/new')}>
                任命人员
              </Button>
            )}
          </Space>
        </Col>
      </Row>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <DivisionSelect rootCode={me?.scopeCode ?? ROOT_CODE} value={within} onChange={(c) => set('within', c)} placeholder="区域：全部（可选街道、社区）" />
        </Col>
        <Col xs={12} md={4}>
          <Select
            allowClear
            value={role}
            onChange={(v) => set('role', v)}
            options={STAFF_ROLES.map((r) => ({ value: r, label: staffRoleLabels[r] }))}
            placeholder="职务：全部"
            style={{ width: '100%' }}
            aria-label="职务"
          />
        </Col>
        <Col xs={12} md={4}>
          <Select value={status} onChange={(v) => set('status', v === 'active' ? undefined : v)} options={statusOptions} style={{ width: '100%' }} aria-label="状态" />
        </Col>
        <Col xs={24} md={8}>
          <Input.Search
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => set('q', v.trim() || undefined)}
            allowClear
            placeholder="搜索姓名或手机号"
            aria-label="搜索姓名或手机号"
            enterButton
          />
        </Col>
      </Row>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<Staff>
        size="middle"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={narrow ? undefined : { x: 900 }}
        data-testid="staff-table"
        locale={{ emptyText: q || within || role ? '没有符合条件的人员' : '暂无网格人员' }}
        onRow={(s) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a') && navigate(`/staff/${s.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
          onChange: (p) => set('page', p > 1 ? String(p) : undefined),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: narrow ? 96 : 110, fixed: narrow ? undefined : 'left', render: (n: string, s) => <Link to={`/staff/${s.id}`} style={{ whiteSpace: 'nowrap' }}>{n}</Link> },
          { title: '性别', dataIndex: 'genderLabel', width: 60, responsive: ['md'] },
          { title: '身份证号', dataIndex: 'idNumber', width: 190, responsive: ['lg'], render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: '手机号', dataIndex: 'phone', width: 130, responsive: ['sm'] },
          { title: '管理街道（乡镇）', dataIndex: 'townshipName', width: 140, responsive: ['md'] },
          {
            title: '当前任职',
            key: 'assignments',
            render: (_: unknown, s) =>
              s.assignments.length === 0 ? (
                <Typography.Text type="secondary">无</Typography.Text>
              ) : (
                <Space size={[4, 4]} wrap>
                  {s.assignments.slice(0, 4).map((a) => (
                    <Tag key={a.id} color={a.role === 'grid_head' ? 'red' : a.role === 'fulltime' ? 'blue' : undefined}>
                      {a.roleLabel} · {a.gridName}
                    </Tag>
                  ))}
                  {s.assignments.length > 4 && <Tag>等 {s.assignments.length} 个网格</Tag>}
                </Space>
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: narrow ? 64 : 80,
            render: (v: Staff['status']) => (v === 'active' ? <Tag color="green">在职</Tag> : <Tag>已退出</Tag>),
          },
        ]}
      />
    </div>
  );
}
