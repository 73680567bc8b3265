import { Button, Card, Col, Dropdown, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { useCan } from '../auth/auth-api';
import { AssessmentDialog } from './assessment-dialog';
import { AssessmentTable, FiguresNote } from './assessment-table';
import { CertificationPanel } from './certification-panel';
import { AdjustDialog, ExitDialog } from './change-dialogs';
import { PersonCard } from './person-card';
import { AddLeaveDialog, EditRecordsDialog, LinkAccountDialog } from './records-dialogs';
import { RecordsPanel } from './records-panel';
import { useAssessments, useStaffDetail } from './staff-api';
import { CurrentAssignments, HistoryCards } from './staff-history';
import type { Assignment } from './staff-types';

type Dialog = { kind: 'adjust'; changeKindOf?: Assignment } | { kind: 'exit' } | { kind: 'records' } | { kind: 'leave' } | { kind: 'account' } | { kind: 'assess'; which: 'daily' | 'annual' };

/** One person: record, current grids and roles, the whole history, certification, assessments, leave and insurance. */
export function StaffDetailPage() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const detail = useStaffDetail(id);
  const assessments = useAssessments({ staffId: id }, !!id);
  const canManage = useCan('staff.manage');
  const canDaily = useCan('staff.assess_daily');
  const canAnnual = useCan('staff.assess_annual');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const tab = params.get('tab') ?? 'assignments';

  if (detail.isPending) return <Skeleton active className="page" />;
  if (!detail.data) return <div className="page"><ErrorAlert error={detail.error} /></div>;
  const d = detail.data;
  const s = d.staff;
  const manage = canManage && d.mayManage && s.status === 'active';
  const close = () => setDialog(null);

  const moreItems = [
    { key: 'records', label: '编辑联系方式、合同与保险' },
    { key: 'leave', label: '登记休假' },
    ...(!s.hasAccount ? [{ key: 'account', label: '关联平台账号' }] : []),
    { type: 'divider' as const },
    { key: 'exit', label: '办理退出', danger: true },
  ];

  return (
    <div className="page">
      <RefreshAlert error={detail.error} />
      <Row gutter={[12, 8]} align="middle" justify="space-between" style={{ marginBottom: 12 }}>
        <Col>
          <Space wrap align="center">
            <Link to="/staff">网格人员</Link>
            <span>/</span>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="staff-name">
              {s.name}
            </Typography.Title>
            {s.status === 'active' ? <Tag color="green">在职</Tag> : <Tag>已退出</Tag>}
            {[...new Set(s.assignments.map((a) => a.roleLabel))].map((r) => (
              <Tag key={r} color="blue">
                {r}
              </Tag>
            ))}
          </Space>
        </Col>
        {(manage || canDaily || canAnnual) && s.status === 'active' && (
          <Col>
            <Space wrap>
              {manage && (
                <Button type="primary" onClick={() => setDialog({ kind: 'adjust' })}>
                  调整任职
                </Button>
              )}
              {canDaily && <Button onClick={() => setDialog({ kind: 'assess', which: 'daily' })}>日常考核</Button>}
              {canAnnual && <Button onClick={() => setDialog({ kind: 'assess', which: 'annual' })}>年度考核</Button>}
              {manage && (
                <Dropdown menu={{ items: moreItems, onClick: ({ key }) => setDialog({ kind: key as 'records' }) }}>
                  <Button>更多操作 ▾</Button>
                </Dropdown>
              )}
            </Space>
          </Col>
        )}
      </Row>
      <Card size="small" style={{ marginBottom: 12 }}>
        <PersonCard key={s.id} detail={d} />
      </Card>
      <Card size="small" title="当前任职" style={{ marginBottom: 12 }}>
        <CurrentAssignments items={s.assignments} onChangeKind={manage ? (a) => setDialog({ kind: 'adjust', changeKindOf: a }) : undefined} />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams((p) => { const n = new URLSearchParams(p); n.set('tab', k); return n; }, { replace: true })}
        items={[
          { key: 'assignments', label: '任职历史', children: <HistoryCards history={d.history} decisions={d.decisions} /> },
          { key: 'certification', label: '培训与持证', children: <CertificationPanel staffId={s.id} active={s.status === 'active'} /> },
          {
            key: 'assessments',
            label: '考核',
            children: (
              <>
                <FiguresNote note={assessments.data?.figuresNote} />
                <ErrorAlert error={assessments.error} />
                <AssessmentTable items={assessments.data?.items ?? []} loading={assessments.isFetching} showPerson={false} />
              </>
            ),
          },
          { key: 'records', label: '休假与保险', children: <RecordsPanel detail={d} /> },
        ]}
      />
      {dialog?.kind === 'adjust' && <AdjustDialog staffId={s.id} current={s.assignments} changeKindOf={dialog.changeKindOf} onClose={close} />}
      {dialog?.kind === 'exit' && <ExitDialog staffId={s.id} name={s.name} count={s.assignments.length} onClose={close} />}
      {dialog?.kind === 'records' && <EditRecordsDialog staff={s} onClose={close} />}
      {dialog?.kind === 'leave' && <AddLeaveDialog staffId={s.id} onClose={close} />}
      {dialog?.kind === 'account' && <LinkAccountDialog staffId={s.id} onClose={close} />}
      {dialog?.kind === 'assess' && <AssessmentDialog kind={dialog.which} staffId={s.id} staffName={s.name} onClose={close} />}
    </div>
  );
}
