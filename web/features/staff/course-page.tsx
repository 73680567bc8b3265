import { Alert, Button, Card, Checkbox, Descriptions, Input, InputNumber, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { useCan } from '../auth/auth-api';
import { today } from './form-helpers';
import { staffApi, useCourse, useStaffList, useStaffMutation } from './staff-api';

interface Entry {
  staffId: string;
  name: string;
  roles: string;
  attended: boolean;
  passed: boolean;
  score: number | null;
}
type Edits = Record<string, Partial<Pick<Entry, 'attended' | 'passed' | 'score'>>>;

/** A course with its attendance and results; recording a pass of a pre-job course certifies the worker. */
export function CoursePage() {
  const { id } = useParams();
  const course = useCourse(id);
  const canManage = useCan('training.manage');
  const township = course.data?.course.townshipCode;
  const people = useStaffList({ within: township, status: 'active', limit: 1000 }, !!township);
  const [edits, setEdits] = useState<Edits>({});
  const [filter, setFilter] = useState('');
  const [issued, setIssued] = useState<string[] | null>(null);
  const save = useStaffMutation((records: { staffId: string; attended: boolean; passed: boolean; score: number | null }[]) => staffApi.attendance(id!, records));

  const rows = useMemo<Entry[]>(() => {
    const m = new Map<string, Entry>();
    for (const s of people.data?.items ?? []) {
      m.set(s.id, { staffId: s.id, name: s.name, roles: [...new Set(s.assignments.map((a) => a.roleLabel))].join('、'), attended: false, passed: false, score: null });
    }
    for (const a of course.data?.attendance ?? []) m.set(a.staffId, { ...(m.get(a.staffId) ?? { roles: '' }), staffId: a.staffId, name: a.name, attended: a.attended, passed: a.passed, score: a.score });
    return [...m.values()].map((r) => ({ ...r, ...edits[r.staffId] }));
  }, [people.data, course.data, edits]);

  if (course.isPending) return <Skeleton active className="page" />;
  if (!course.data) return <div className="page"><ErrorAlert error={course.error} /></div>;
  const c = course.data.course;
  const ended = c.endsOn <= today();
  const editable = canManage && ended;
  const dirty = Object.keys(edits);
  const edit = (staffId: string, patch: Edits[string]) => setEdits((e) => ({ ...e, [staffId]: { ...e[staffId], ...patch } }));
  const shown = filter.trim() ? rows.filter((r) => r.name.includes(filter.trim())) : rows;

  const submit = () => {
    const records = rows.filter((r) => dirty.includes(r.staffId)).map((r) => ({ staffId: r.staffId, attended: r.attended, passed: r.passed, score: r.score }));
    save.mutate(records, {
      onSuccess: (r) => {
        setIssued(r.certificatesIssued);
        setEdits({});
      },
    });
  };

  return (
    <div className="page">
      <RefreshAlert error={course.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Link to="/training">培训与持证</Link>
        <span>/</span>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="course-name">
          {c.name}
        </Typography.Title>
        <Tag color={c.kind === 'pre_job' ? 'red' : 'blue'}>{c.kindLabel}</Tag>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 't', label: '街道（乡镇）', children: c.townshipName },
            { key: 'd', label: '日期', children: `${c.startsOn} 至 ${c.endsOn}` },
            { key: 'h', label: '学时', children: c.hours },
            { key: 'l', label: '地点', children: c.location ?? '—' },
          ]}
        />
      </Card>
      {!ended && <Alert type="info" showIcon title={`培训班 ${c.endsOn} 结束后才能登记参训和考核结果`} style={{ marginBottom: 12 }} />}
      {c.kind === 'pre_job' && ended && canManage && (
        <Alert type="info" showIcon title="岗前培训考核合格的人员（尚无有效上岗证的）将自动取得上岗证，有效期三年。" style={{ marginBottom: 12 }} />
      )}
      {issued && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setIssued(null) }}
          style={{ marginBottom: 12 }}
          data-testid="certificates-issued"
          title={issued.length ? `已登记，发放上岗证 ${issued.length} 张` : '已登记'}
          description={issued.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{issued.map((x) => <li key={x}>{x}</li>)}</ul> : undefined}
        />
      )}
      <ErrorAlert error={save.error ?? people.error} style={{ marginBottom: 12 }} />
      <Card
        size="small"
        title={`学员（${rows.length}）`}
        extra={<Input.Search allowClear placeholder="按姓名筛选" value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 180 }} />}
      >
        <Table<Entry>
          size="small"
          rowKey="staffId"
          loading={people.isFetching}
          dataSource={shown}
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          data-testid="attendance-table"
          locale={{ emptyText: '本街道（乡镇）暂无在职网格人员' }}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (n: string, r) => <Link to={`/staff/${r.staffId}`}>{n}</Link> },
            { title: '职务', dataIndex: 'roles', render: (v: string) => v || '—' },
            {
              title: '参训',
              key: 'attended',
              render: (_: unknown, r) => (
                <Checkbox checked={r.attended} disabled={!editable} aria-label={`${r.name}参训`} onChange={(e) => edit(r.staffId, e.target.checked ? { attended: true } : { attended: false, passed: false })} />
              ),
            },
            {
              title: '成绩',
              key: 'score',
              render: (_: unknown, r) => (
                <InputNumber
                  value={r.score}
                  min={0}
                  max={100}
                  disabled={!editable}
                  aria-label={`${r.name}成绩`}
                  style={{ width: 90 }}
                  onChange={(v) => edit(r.staffId, typeof v === 'number' ? { score: v, attended: true, passed: v >= 60 } : { score: null })}
                />
              ),
            },
            {
              title: '合格',
              key: 'passed',
              render: (_: unknown, r) => (
                <Checkbox checked={r.passed} disabled={!editable} aria-label={`${r.name}合格`} onChange={(e) => edit(r.staffId, e.target.checked ? { passed: true, attended: true } : { passed: false })} />
              ),
            },
          ]}
        />
        {editable && (
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" disabled={dirty.length === 0} loading={save.isPending} onClick={submit} data-testid="save-attendance">
              保存考核结果{dirty.length ? `（${dirty.length} 人）` : ''}
            </Button>
            {dirty.length > 0 && <Button onClick={() => setEdits({})}>撤销修改</Button>}
          </Space>
        )}
      </Card>
    </div>
  );
}
