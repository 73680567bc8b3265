import { App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { IdNumberSchema, phoneSchema } from '../../../common/schemas/staff';
import { ErrorAlert } from '../../components/error-alert';
import { useMe } from '../auth/auth-api';
import { DivisionSelect } from '../territory/division-select';
import { AssignmentRows, expandRows, rowFieldPath, type AssignmentRow } from './assignment-rows';
import { DecisionFields, decisionOf, defaultDecidingBody, type DecisionValues } from './decision-fields';
import { day, showFieldErrors, zodRule } from './form-helpers';
import { StaffPicker } from './pickers';
import { staffApi, useStaffMutation } from './staff-api';

interface Values extends DecisionValues {
  mode: 'new' | 'existing';
  staffId?: string;
  person?: {
    name?: string;
    idNumber?: string;
    phone?: string;
    townshipCode?: string;
    homeAddress?: string;
    employer?: string;
    contract?: [Dayjs | null, Dayjs | null] | null;
    socialInsuranceSince?: Dayjs | null;
    accidentInsuranceSince?: Dayjs | null;
    accidentInsuranceUntil?: Dayjs | null;
  };
  rows: AssignmentRow[];
}

const idRule = zodRule(IdNumberSchema, true, '请填写身份证号');
const phoneRule = zodRule(phoneSchema('手机号'), true, '请填写手机号');

/** The township a grid belongs to: the first 9 digits of its community code. */
const townshipOfGrid = (grid: string) => `${grid.slice(0, 9)}000`;

/** 任职: a new or registered person appointed to one or more grids by a dated decision (Art. 11, 13). */
export function AppointmentPage() {
  const me = useMe().data;
  const [params] = useSearchParams();
  const grid = params.get('grid') ?? undefined;
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const scope = me?.scopeCode ?? undefined;
  const fixedTownship = me?.role === 'street_centre' ? scope : undefined;

  const initialValues = useMemo<Partial<Values>>(
    () => ({
      mode: 'new',
      // a department appoints only the professional workers it sends (Art. 22)
      rows: [{ grids: grid ? [grid] : [], role: me?.role === 'department' ? 'professional' : undefined }],
      person: { townshipCode: fixedTownship ?? (grid ? townshipOfGrid(grid) : undefined) },
      effectiveOn: dayjs(),
      decidingBody: defaultDecidingBody(me),
    }),
    [grid, fixedTownship, me],
  );

  const appoint = useStaffMutation(staffApi.appoint);

  const onFinish = (v: Values) => {
    const { specs, rowOf: map } = expandRows(v.rows);
    const p = v.person ?? {};
    const body =
      v.mode === 'existing'
        ? { staffId: v.staffId, assignments: specs, ...decisionOf(v) }
        : {
            person: {
              name: p.name?.trim(),
              idNumber: p.idNumber?.trim(),
              phone: p.phone?.trim(),
              townshipCode: p.townshipCode,
              homeAddress: p.homeAddress?.trim() || null,
              employer: p.employer?.trim() || null,
              contractStart: day(p.contract?.[0]),
              contractEnd: day(p.contract?.[1]),
              socialInsuranceSince: day(p.socialInsuranceSince),
              accidentInsuranceSince: day(p.accidentInsuranceSince),
              accidentInsuranceUntil: day(p.accidentInsuranceUntil),
            },
            assignments: specs,
            ...decisionOf(v),
          };
    appoint.mutate(body, {
      onSuccess: (r) => {
        message.success(r.summary);
        navigate(`/staff/${r.staffId}`);
      },
      onError: (e) =>
        showFieldErrors(form, e, (path) => {
          if (path[0] === 'assignments') return rowFieldPath('rows', map)(path);
          if (path[0] === 'person' && (path[1] === 'contractStart' || path[1] === 'contractEnd')) return ['person', 'contract'];
          return path;
        }),
    });
  };

  return (
    <div className="page" style={{ maxWidth: 980 }}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          任命网格人员
        </Typography.Title>
        {grid && <Link to={`/grids/${grid}`}>返回网格 {grid}</Link>}
      </Space>
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError data-testid="appointment-form">
        <Card size="small" title="人员" style={{ marginBottom: 12 }}>
          <Form.Item name="mode">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'new', label: '登记新人员' },
                { value: 'existing', label: '选择已登记人员' },
              ]}
            />
          </Form.Item>
          {mode === 'existing' ? (
            <Form.Item name="staffId" label="已登记人员" rules={[{ required: true, message: '请选择人员' }]}>
              <StaffPicker />
            </Form.Item>
          ) : (
            <PersonFields fixedTownship={fixedTownship} scope={scope} />
          )}
        </Card>
        <Card size="small" title="任职" style={{ marginBottom: 12 }}>
          <AssignmentRows name="rows" within={scope} />
        </Card>
        <Card size="small" title="任职决定" style={{ marginBottom: 12 }}>
          <DecisionFields reasonLabel="任职原因" reasonPlaceholder="如：经招聘考试录用；经社区党组织推荐" />
        </Card>
        <ErrorAlert error={appoint.error} style={{ marginBottom: 12 }} />
        <Space>
          <Button type="primary" htmlType="submit" loading={appoint.isPending} size="large">
            提交任命
          </Button>
          <Button size="large" onClick={() => navigate(-1)}>
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}

function PersonFields({ fixedTownship, scope }: { fixedTownship?: string; scope?: string }) {
  const me = useMe().data;
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name={['person', 'name']} label="姓名" rules={[{ required: true, message: '请填写姓名' }, { min: 2, max: 20, message: '姓名应为 2–20 个字' }]}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['person', 'idNumber']} label="身份证号" rules={[idRule]} validateTrigger="onBlur">
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['person', 'phone']} label="手机号" rules={[phoneRule]} validateTrigger="onBlur">
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'townshipCode']} label="管理街道（乡镇）" rules={[{ required: true, message: '请选择管理该人员的街道（乡镇）' }]} extra="负责管理、培训和考核该人员的街道（乡镇）网格化管理服务中心">
          {fixedTownship ? <FixedText text={me?.scopeName ?? fixedTownship} /> : <DivisionSelect rootCode={scope ?? '231100000000'} placeholder="选择街道（乡镇）" />}
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'employer']} label="工作单位（可选）">
          <Input maxLength={80} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['person', 'homeAddress']} label="家庭住址（可选）">
          <Input maxLength={120} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'contract']} label="聘用合同期限" extra="专职网格员实行聘用制，须登记合同起止日期">
          <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'socialInsuranceSince']} label="社会保险参保日期（可选）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'accidentInsuranceSince']} label="意外伤害保险起保日期（可选）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['person', 'accidentInsuranceUntil']} label="意外伤害保险到期日期（可选）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** A form value shown as text (the street centre's own township). */
function FixedText({ text }: { value?: string; text: string }) {
  return <Typography.Text>{text}</Typography.Text>;
}
