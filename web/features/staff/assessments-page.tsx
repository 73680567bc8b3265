import { Button, Col, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { useCan, useMe } from '../auth/auth-api';
import { AssessmentsExportButton } from '../staff-import/staff-export-button';
import { DivisionSelect } from '../territory/division-select';
import { ROOT_CODE } from '../territory/territory-api';
import { AssessmentDialog } from './assessment-dialog';
import { AssessmentTable, FiguresNote } from './assessment-table';
import { useAssessments } from './staff-api';

const PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** 考核: daily assessments by the community station, annual ones by the street centre (Art. 5, 29). */
export function AssessmentsPage() {
  const me = useMe().data;
  const canDaily = useCan('staff.assess_daily');
  const canAnnual = useCan('staff.assess_annual');
  const [params, setParams] = useSearchParams();
  const within = params.get('within') ?? undefined;
  const kind = (params.get('kind') as 'daily' | 'annual' | null) ?? undefined;
  const period = params.get('period') ?? undefined;
  const [periodText, setPeriodText] = useState(period ?? '');
  const [recording, setRecording] = useState<'daily' | 'annual' | null>(null);
  const set = (k: string, v: string | undefined) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    });
  const list = useAssessments({ within, kind, period });
  const periodBad = periodText !== '' && !PERIOD.test(periodText.trim());

  return (
    <div className="page">
      <Row gutter={[12, 12]} align="middle" style={{ marginBottom: 12 }}>
        <Col flex="auto">
          <Typography.Title level={4} style={{ margin: 0 }}>
            考核{me?.scopeName ? `（${me.scopeName}）` : ''}
          </Typography.Title>
        </Col>
        <Col>
          <Space wrap>
            <AssessmentsExportButton query={{ within, kind, period }} />
            {canDaily && <Button type="primary" onClick={() => setRecording('daily')}>登记日常考核</Button>}
            {canAnnual && <Button type="primary" onClick={() => setRecording('annual')}>登记年度考核</Button>}
          </Space>
        </Col>
      </Row>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <DivisionSelect rootCode={me?.scopeCode ?? ROOT_CODE} value={within} onChange={(c) => set('within', c)} placeholder="区域：全部" />
        </Col>
        <Col xs={12} md={4}>
          <Select
            allowClear
            value={kind}
            onChange={(v) => set('kind', v)}
            placeholder="类型：全部"
            style={{ width: '100%' }}
            aria-label="考核类型"
            options={[
              { value: 'daily', label: '日常考核' },
              { value: 'annual', label: '年度考核' },
            ]}
          />
        </Col>
        <Col xs={12} md={6}>
          <Input.Search
            value={periodText}
            status={periodBad ? 'error' : undefined}
            onChange={(e) => setPeriodText(e.target.value)}
            onSearch={(v) => !periodBad && set('period', v.trim() || undefined)}
            placeholder="期间：如 2026、2026-05"
            aria-label="考核期间"
            allowClear
          />
        </Col>
      </Row>
      <FiguresNote note={list.data?.figuresNote} />
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <AssessmentTable items={list.data?.items ?? []} loading={list.isFetching} />
      {recording && <AssessmentDialog kind={recording} onClose={() => setRecording(null)} />}
    </div>
  );
}
