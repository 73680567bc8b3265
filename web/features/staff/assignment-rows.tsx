import { Button, Card, Col, Form, Row, Select } from 'antd';
import { headBackgroundLabels, parttimeBackgroundLabels, roleRules, staffRoleLabels, STAFF_ROLES, type StaffRole } from '../../../common/domain/staff';
import { useMe } from '../auth/auth-api';
import type { AssignmentSpec } from './staff-api';
import { GridPicker, OrgPicker } from './pickers';

/** One line of the form: a role in one or more grids, with the background or sending unit the role needs. */
export interface AssignmentRow {
  role?: StaffRole;
  grids?: string[];
  background?: string;
  sourceOrgCode?: string;
}

const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: staffRoleLabels[r] }));
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The rows as the API's assignments, and for each assignment the row it came from (to place errors). */
export function expandRows(rows: AssignmentRow[] | undefined): { specs: AssignmentSpec[]; rowOf: number[] } {
  const specs: AssignmentSpec[] = [];
  const rowOf: number[] = [];
  (rows ?? []).forEach((r, i) => {
    for (const gridCode of r.grids ?? []) {
      const rule = r.role ? roleRules[r.role] : undefined;
      specs.push({
        gridCode,
        role: r.role!,
        background: rule?.background ? (r.background ?? null) : null,
        sourceOrgCode: r.role === 'professional' || r.role === 'exclusive' ? (r.sourceOrgCode ?? null) : null,
      });
      rowOf.push(i);
    }
  });
  return { specs, rowOf };
}

/** Server field paths `assignments.N.field` → the row's field in this form. */
export function rowFieldPath(listName: string, rowOf: number[]) {
  return (path: (string | number)[]): (string | number)[] | null => {
    if (path[0] !== 'assignments' || typeof path[1] !== 'number') return null;
    const row = rowOf[path[1]];
    if (row === undefined) return null;
    const f = path[2];
    return [listName, row, f === 'gridCode' ? 'grids' : (f ?? 'grids')];
  };
}

export function AssignmentRows({ name, within, orgWithin, addLabel = '再加一种职务', minRows = 1 }: { name: string; within?: string; orgWithin?: string; addLabel?: string; minRows?: number }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12, background: '#fafafa' }}
              data-testid="assignment-row"
              extra={fields.length > minRows ? <Button type="link" danger size="small" onClick={() => remove(field.name)}>移除</Button> : null}
              title={`职务 ${field.name + 1}`}
            >
              <RowFields name={field.name} listName={name} within={within} orgWithin={orgWithin} />
            </Card>
          ))}
          <Button onClick={() => add({})} block type="dashed" style={{ marginBottom: 16 }}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function RowFields({ name, listName, within, orgWithin }: { name: number; listName: string; within?: string; orgWithin?: string }) {
  const role = Form.useWatch([listName, name, 'role']) as StaffRole | undefined;
  const me = useMe().data;
  const rule = role ? roleRules[role] : undefined;
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name={[name, 'role']} label="职务" rules={[{ required: true, message: '请选择职务' }]}>
          <Select options={roleOptions} placeholder="选择职务" data-testid="role-select" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item
          name={[name, 'grids']}
          label={rule?.level === 'micro' ? '任职微网格' : '任职网格'}
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个网格' }]}
        >
          <GridPicker within={within} level={rule?.level ?? 'grid'} testId="grid-picker" />
        </Form.Item>
      </Col>
      {rule?.background && (
        <Col xs={24} md={12}>
          <Form.Item
            name={[name, 'background']}
            label="身份背景"
            rules={[{ required: true, message: rule.background === 'head' ? '网格长须由社区（村）党组织或居（村）民委员会成员担任' : '请选择兼职网格员的身份背景' }]}
          >
            <Select options={options(rule.background === 'head' ? headBackgroundLabels : parttimeBackgroundLabels)} placeholder="选择身份背景" data-testid="background-select" />
          </Form.Item>
        </Col>
      )}
      {(role === 'professional' || role === 'exclusive') && (
        <Col xs={24} md={12}>
          <Form.Item
            name={[name, 'sourceOrgCode']}
            label={role === 'professional' ? '派出单位' : '所属单位（可选）'}
            rules={role === 'professional' ? [{ required: true, message: '专业网格员须注明派出的网格联动部门或网格服务单位' }] : []}
          >
            <OrgPicker within={orgWithin ?? within} preferName={role === 'professional' ? me?.department : undefined} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
