import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { gridKindLabels } from '../../../common/i18n/zh-CN';
import { useDebounced } from '../../components/use-debounced';
import { useGridList } from '../grids/grids-api';
import { useOrganisations, useStaffList } from './staff-api';

/** Active grids (or micro-grids) within the user's scope, searchable by name or code; several may be chosen. */
export function GridPicker({ within, level, value, onChange, testId }: {
  within?: string;
  level: 'grid' | 'micro';
  value?: string[];
  onChange?: (v: string[]) => void;
  testId?: string;
}) {
  const list = useGridList({ within, level, status: 'active' }, !!within);
  const options = (list.data?.items ?? []).map((g) => ({
    value: g.code,
    label: `${g.name}（${g.code}${level === 'grid' ? `，${gridKindLabels[g.kind]}` : ''}）`,
    search: `${g.name} ${g.code} ${g.divisionName}`,
  }));
  // A code typed or linked from elsewhere that is not in the list (yet): show it as it is.
  if (list.data) for (const code of value ?? []) if (!options.some((o) => o.value === code)) options.push({ value: code, label: code, search: code });
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={list.isFetching}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={level === 'micro' ? '选择微网格（可多选，可输入名称或编码搜索）' : '选择网格（可多选，可输入名称或编码搜索）'}
      notFoundContent={list.isFetching ? '加载中…' : '没有匹配的网格'}
      style={{ width: '100%' }}
      data-testid={testId}
      maxTagCount="responsive"
    />
  );
}

const CITY = '231100000000';

/** The department or service unit that sends a 专业网格员 (Art. 22): the county's and the city's. */
export function OrgPicker({ within, value, onChange, preferName }: { within?: string; value?: string | null; onChange?: (v: string | undefined) => void; preferName?: string | null }) {
  const deps = useOrganisations({ within, kind: 'department' });
  const units = useOrganisations({ within, kind: 'service_unit' });
  // A department or service unit appoints the workers it sends itself: start with its own name.
  const own = preferName ? [...(deps.data?.items ?? []), ...(units.data?.items ?? [])].find((o) => o.name === preferName) : undefined;
  useEffect(() => {
    if (own && !value) onChange?.(own.code);
  }, [own?.code]); // eslint-disable-line react-hooks/exhaustive-deps
  const group = (label: string, items: { code: string; name: string; divisionCode: string; divisionName: string }[] | undefined) => ({
    label,
    // the county's own units first, then the city's
    options: [...(items ?? [])]
      .sort((a, b) => Number(a.divisionCode === CITY) - Number(b.divisionCode === CITY))
      .map((o) => ({ value: o.code, label: o.name, search: `${o.name} ${o.code} ${o.divisionName}` })),
  });
  return (
    <Select
      value={value ?? undefined}
      onChange={onChange}
      allowClear
      loading={deps.isFetching || units.isFetching}
      options={[group('网格联动部门', deps.data?.items), group('网格服务单位', units.data?.items)]}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder="选择派出单位"
      style={{ width: '100%' }}
      data-testid="org-picker"
    />
  );
}

/** A registered person, searched by name or phone within the user's scope. */
export function StaffPicker({ value, onChange, within, status = 'active', placeholder = '输入姓名或手机号搜索已登记人员' }: {
  value?: string;
  onChange?: (id: string | undefined, name?: string) => void;
  within?: string;
  status?: 'active' | 'all';
  placeholder?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const list = useStaffList({ q: q.trim() || undefined, within, status, limit: 30 });
  const options = (list.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.name}（${s.townshipName}，${s.phone}${s.roles.length ? `，${s.assignments.map((a) => a.roleLabel).filter((r, i, all) => all.indexOf(r) === i).join('、')}` : ''}）`,
    name: s.name,
  }));
  return (
    <Select
      value={value}
      onChange={(v, opt) => onChange?.(v, (opt as { name?: string } | undefined)?.name)}
      options={options}
      allowClear
      filterOption={false}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      loading={list.isFetching}
      notFoundContent={list.isFetching ? '搜索中…' : '没有匹配的人员'}
      placeholder={placeholder}
      style={{ width: '100%' }}
      data-testid="staff-picker"
    />
  );
}
