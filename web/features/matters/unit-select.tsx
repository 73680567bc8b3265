import { Select } from 'antd';
import type { Unit } from './matters-api';

/** Departments and service units to dispatch to, grouped; the catalogue's default unit marked. */
export function UnitSelect({ units, value, onChange, defaultCode, loading, testId = 'unit-select' }: {
  units: Unit[];
  value?: string;
  onChange?: (code: string | undefined) => void;
  defaultCode?: string;
  loading?: boolean;
  testId?: string;
}) {
  const group = (kind: Unit['kind'], label: string) => ({
    label,
    options: units
      .filter((u) => u.kind === kind)
      .map((u) => ({ value: u.code, label: `${u.name}${u.code === defaultCode ? '（清单规定的责任单位）' : ''}` })),
  });
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      style={{ width: '100%' }}
      placeholder="选择承办的部门或服务单位"
      value={value}
      onChange={onChange}
      options={[group('department', '网格联动部门'), group('service_unit', '网格服务单位')]}
      data-testid={testId}
    />
  );
}
