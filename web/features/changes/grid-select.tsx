import { Select } from 'antd';
import { useState } from 'react';
import { gridKindLabels } from '../../../common/i18n/zh-CN';
import { useGridList } from '../grids/grids-api';

const CODE = /^\d{14,18}$/;

type Props = { divisionCode?: string; placeholder?: string } & (
  | { multiple?: false; value?: string; onChange?: (v: string | undefined) => void }
  | { multiple: true; value?: string[]; onChange?: (v: string[]) => void }
);

/** Active grids of the chosen community; a full grid code can also be typed directly. */
export function GridSelect(props: Props) {
  const { divisionCode, placeholder } = props;
  const [search, setSearch] = useState('');
  const list = useGridList({ within: divisionCode, level: 'grid', status: 'active' }, !!divisionCode);
  const options = (list.data?.items ?? []).map((g) => ({ value: g.code, label: `${g.name}（${g.code}，${gridKindLabels[g.kind]}）` }));
  const typed = search.trim();
  if (CODE.test(typed) && !options.some((o) => o.value === typed)) options.unshift({ value: typed, label: `使用编码 ${typed}` });
  const selected = props.multiple ? props.value ?? [] : props.value ? [props.value] : [];
  for (const code of selected) if (!options.some((o) => o.value === code)) options.push({ value: code, label: code });

  return (
    <Select
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value as never}
      onChange={(v) => props.onChange?.(v as never)}
      options={options}
      loading={list.isFetching}
      allowClear
      showSearch={{ onSearch: setSearch, optionFilterProp: 'label' }}
      placeholder={placeholder ?? (divisionCode ? '选择网格，或输入网格编码' : '先选择社区（村），或直接输入网格编码')}
      notFoundContent={divisionCode && !list.isFetching ? '该社区（村）没有在用网格' : null}
      style={{ width: '100%' }}
      data-testid="grid-select"
    />
  );
}
