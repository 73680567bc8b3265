import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useTypeSearch } from '../catalogue/catalogue-api';
import type { Draft } from './report-draft';
import { Button, colors, inputStyle } from './work-ui';

type Picked = NonNullable<Draft['type']>;

/** The matter type from the county's published catalogue: type a name, its pinyin initials (rljg) or the code. */
export function TypePicker({ county, value, onChange }: { county: string | undefined; value: Picked | null; onChange: (t: Picked | null) => void }) {
  const [q, setQ] = useState('');
  const found = useTypeSearch(county, q);

  if (value) {
    return (
      <div data-testid="type-picked" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontSize: 18, fontWeight: 600 }}>{value.name}</div>
          <div style={{ fontSize: 13, color: colors.faint, overflowWrap: 'anywhere' }}>
            {value.path.slice(0, 2).join(' › ')} · {value.code}
          </div>
        </div>
        <Button onClick={() => onChange(null)}>更换</Button>
      </div>
    );
  }
  const items = found.data?.items.slice(0, 30) ?? [];
  return (
    <div>
      <input
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="输入名称或拼音首字母，如 jg（井盖）"
        aria-label="搜索事项类型"
        style={inputStyle}
        data-testid="type-search"
        enterKeyHint="search"
      />
      {q.trim() !== '' && (
        <ul style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, maxHeight: 320, overflowY: 'auto', border: `1px solid ${colors.line}`, borderRadius: 8 }} data-testid="type-results">
          {found.isError && <li style={{ padding: 12, color: colors.error }}>{errorMessage(found.error)}</li>}
          {found.isSuccess && items.length === 0 && <li style={{ padding: 12, color: colors.faint }}>没有找到，换个词试试</li>}
          {items.map((t) => (
            <li key={t.code} style={{ borderTop: `1px solid ${colors.line}` }}>
              <button
                type="button"
                onClick={() => {
                  onChange({ code: t.code, name: t.name, path: t.path });
                  setQ('');
                }}
                style={{ display: 'block', width: '100%', textAlign: 'left', minHeight: 52, padding: '8px 12px', border: 'none', background: '#fff', fontSize: 16, cursor: 'pointer' }}
              >
                <div>{t.name}</div>
                <div style={{ fontSize: 13, color: colors.faint }}>{t.path.slice(0, 2).join(' › ')}</div>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!county && <div style={{ color: colors.error, fontSize: 14, marginTop: 4 }}>未能确定所属县（市、区），无法加载事项清单</div>}
    </div>
  );
}
