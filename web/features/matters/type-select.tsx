import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../components/use-debounced';
import { useTypeSearch } from '../catalogue/catalogue-api';

export interface PickedType {
  code: string;
  name: string;
  path: [string, string, string];
  defaultSector: string;
  sectorLabel: string;
}

/** A type of the county's published catalogue: by name, pinyin initials (e.g. "rljg") or code. */
export function TypeSelect({ county, value, onChange, placeholder = '事项类型：名称、拼音首字母或编码', width = 260, testId = 'type-select' }: {
  county: string | undefined;
  value?: PickedType | null;
  onChange: (t: PickedType | null) => void;
  placeholder?: string;
  width?: number | string;
  testId?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 200);
  const hits = useTypeSearch(county, q);
  const items = hits.data?.items ?? [];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      allowClear
      disabled={!county}
      placeholder={county ? placeholder : '请先选择县（市、区）'}
      style={{ width }}
      value={value ? value.code : undefined}
      labelRender={() => (value ? `${value.name}（${value.code}）` : null)}
      notFoundContent={q.trim() ? (hits.isFetching ? '查找中…' : '清单中没有匹配的事项') : '输入名称、拼音首字母或编码'}
      options={items.map((t) => ({ value: t.code, label: `${t.name}（${t.code}）`, title: t.path.join(' / ') }))}
      optionRender={(o) => {
        const t = items.find((x) => x.code === o.value);
        return (
          <div>
            <div>{t?.name} <span style={{ color: '#999' }}>{t?.code}</span></div>
            <div style={{ color: '#999', fontSize: 12 }}>{t?.path.slice(0, 2).join(' / ')} · {t?.sectorLabel}</div>
          </div>
        );
      }}
      onChange={(code?: string) => {
        const t = items.find((x) => x.code === code);
        onChange(t ? { code: t.code, name: t.name, path: t.path, defaultSector: t.defaultSector, sectorLabel: t.sectorLabel } : null);
        setSearch('');
      }}
      data-testid={testId}
    />
  );
}
