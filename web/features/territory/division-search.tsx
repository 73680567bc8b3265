import { AutoComplete, Input, Tag } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../components/use-debounced';
import { specialTag, useDivisionSearch, type DivisionHit } from './territory-api';

/** Search divisions by name or code prefix; `onPick` gets the chosen division. */
export function DivisionSearch({ onPick, placeholder = '按名称或代码搜索区划' }: { onPick: (d: DivisionHit) => void; placeholder?: string }) {
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const search = useDivisionSearch(q);
  const items = search.data?.items ?? [];
  return (
    <AutoComplete
      value={text}
      onChange={setText}
      style={{ width: '100%' }}
      options={items.map((d) => ({
        value: d.code,
        label: (
          <div>
            <div>
              {d.name} <span style={{ color: '#999', fontSize: 12 }}>{d.code}</span>{' '}
              {specialTag(d) && <Tag color="purple">{specialTag(d)}</Tag>}
            </div>
            <div style={{ color: '#999', fontSize: 12 }}>{d.pathName}</div>
          </div>
        ),
      }))}
      onSelect={(code: string) => {
        const d = items.find((i) => i.code === code);
        if (d) {
          onPick(d);
          setText(d.name);
        }
      }}
      notFoundContent={q && !search.isFetching ? '未找到匹配的区划' : null}
    >
      <Input.Search placeholder={placeholder} loading={search.isFetching} allowClear />
    </AutoComplete>
  );
}
