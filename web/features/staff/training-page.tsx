import { App, Button, Col, DatePicker, Form, Grid, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { courseKindLabels } from '../../../common/domain/staff';
import { ErrorAlert } from '../../components/error-alert';
import { useCan, useMe } from '../auth/auth-api';
import { DivisionSelect } from '../territory/division-select';
import { ROOT_CODE } from '../territory/territory-api';
import { day, showFieldErrors } from './form-helpers';
import { staffApi, useCourses, useStaffMutation } from './staff-api';
import type { Course } from './staff-types';

type Row = Course & { enrolled: number; passed: number };

/** 培训与持证: the courses of the scope; the street centre opens them (Art. 27). */
export function TrainingPage() {
  const me = useMe().data;
  const canManage = useCan('training.manage');
  const navigate = useNavigate();
  const [within, setWithin] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const courses = useCourses(within);
  const narrow = Grid.useBreakpoint().md === false;

  return (
    <div className="page">
      <Row gutter={[12, 12]} align="middle" style={{ marginBottom: 12 }}>
        <Col flex="auto">
          <Typography.Title level={4} style={{ margin: 0 }}>
            培训与持证上岗
          </Typography.Title>
          <Typography.Text type="secondary">岗前培训考核合格即发上岗证；上岗证的暂停、恢复、吊销和工作证的发放在人员页面办理。</Typography.Text>
        </Col>
        <Col>
          {canManage && (
            <Button type="primary" onClick={() => setCreating(true)}>
              开设培训班
            </Button>
          )}
        </Col>
      </Row>
      <Row gutter={8} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <DivisionSelect rootCode={me?.scopeCode ?? ROOT_CODE} value={within} onChange={setWithin} placeholder="区域：全部" />
        </Col>
      </Row>
      <ErrorAlert error={courses.error} style={{ marginBottom: 12 }} />
      <Table<Row>
        size="middle"
        rowKey="id"
        loading={courses.isFetching}
        dataSource={courses.data?.items ?? []}
        scroll={narrow ? undefined : { x: 800 }}
        pagination={(courses.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid="courses-table"
        locale={{ emptyText: '暂无培训班' }}
        onRow={(c) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a') && navigate(`/training/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '培训班', dataIndex: 'name', render: (n: string, c) => <Link to={`/training/${c.id}`}>{n}</Link> },
          { title: '类型', dataIndex: 'kind', render: (k: Course['kind']) => <Tag color={k === 'pre_job' ? 'red' : 'blue'}>{courseKindLabels[k]}</Tag> },
          { title: '街道（乡镇）', dataIndex: 'townshipName', responsive: ['md'] },
          { title: '日期', key: 'd', responsive: ['sm'], render: (_: unknown, c) => `${c.startsOn} 至 ${c.endsOn}` },
          { title: '学时', dataIndex: 'hours', responsive: ['md'] },
          { title: '参训 / 合格', key: 'n', render: (_: unknown, c) => `${c.enrolled} / ${c.passed}` },
        ]}
      />
      {creating && <CourseDialog onClose={() => setCreating(false)} onCreated={(id) => navigate(`/training/${id}`)} />}
    </div>
  );
}

interface CourseValues {
  name: string;
  kind: Course['kind'];
  townshipCode?: string;
  range: [Dayjs, Dayjs];
  hours: number;
  location?: string;
}

function CourseDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const me = useMe().data;
  const [form] = Form.useForm<CourseValues>();
  const { message } = App.useApp();
  const create = useStaffMutation(staffApi.createCourse);
  const street = me?.role === 'street_centre';
  return (
    <Modal open title="开设培训班" okText="开设" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={620}>
      <Form<CourseValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'pre_job', hours: 16 }}
        onFinish={(v) =>
          create.mutate(
            {
              name: v.name.trim(),
              kind: v.kind,
              townshipCode: street ? me?.scopeCode : v.townshipCode,
              startsOn: day(v.range[0]),
              endsOn: day(v.range[1]),
              hours: v.hours,
              location: v.location?.trim() || null,
            },
            {
              onSuccess: (r) => {
                message.success('已开设培训班');
                onCreated(r.id);
              },
              onError: (e) => showFieldErrors(form, e, (p) => (p[0] === 'startsOn' || p[0] === 'endsOn' ? ['range'] : p)),
            },
          )
        }
      >
        <Form.Item name="name" label="课程名称" rules={[{ required: true, message: '请填写课程名称' }, { min: 2, max: 80, message: '课程名称应为 2–80 个字' }]}>
          <Input maxLength={80} placeholder="如：2026 年第一期网格员岗前培训" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label="培训类型" rules={[{ required: true }]}>
              <Select options={Object.entries(courseKindLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber min={0.5} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {!street && (
          <Form.Item name="townshipCode" label="街道（乡镇）" rules={[{ required: true, message: '请选择举办培训的街道（乡镇）' }]}>
            <DivisionSelect rootCode={me?.scopeCode ?? ROOT_CODE} placeholder="选择街道（乡镇）" />
          </Form.Item>
        )}
        <Form.Item name="range" label="培训日期" rules={[{ required: true, message: '请选择培训起止日期' }]} extra="培训结束后才能登记考核结果">
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="location" label="地点">
          <Input maxLength={120} />
        </Form.Item>
      </Form>
      <ErrorAlert error={create.error} />
    </Modal>
  );
}
