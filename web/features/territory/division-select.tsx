import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import type { Division } from '../../../common/schemas/territory';
import { useDebounced } from '../../components/use-debounced';
import { fetchDivisionNode, specialTag, useDivisionSearch } from './territory-api';

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}
const toNode = (d: Division, pId?: string, count?: number): Node => {
  const tag = specialTag(d);
  return {
    id: d.code,
    pId,
    value: d.code,
    title: `${d.name}${tag ? `【${tag}】` : ''}${count !== undefined ? `（${count} 个网格）` : ''}`,
    isLeaf: d.level === 'village',
  };
};

/** Pick a division: lazy tree from `rootCode`, or type a name/code to search the whole city. */
export function DivisionSelect({ rootCode, value, onChange, placeholder = '选择或搜索社区（村）' }: {
  rootCode: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
}) {
  const qc = useQueryClient();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const hits = useDivisionSearch(q);

  const addChildren = async (code: string) => {
    const n = await fetchDivisionNode(qc, code);
    setNodes((prev) => {
      const have = new Set(prev.map((x) => x.id));
      const add = [...(have.has(code) ? [] : [toNode(n.division)]), ...n.children.filter((c) => !have.has(c.code)).map((c) => toNode(c, code, c.activeGrids))];
      return [...prev, ...add];
    });
    return n;
  };

  useEffect(() => {
    addChildren(rootCode).catch(() => undefined);
  }, [rootCode]); // eslint-disable-line react-hooks/exhaustive-deps

  // Label for a value set from outside (e.g. the grid's community from a link).
  useEffect(() => {
    if (!value || labels[value] || nodes.some((n) => n.id === value)) return;
    fetchDivisionNode(qc, value)
      .then((n) => setLabels((l) => ({ ...l, [value]: n.path.slice(1).map((p) => p.name).join(' / ') })))
      .catch(() => undefined);
  }, [value, labels, nodes, qc]);

  const searching = search.trim().length > 0;
  const treeData: Node[] = searching
    ? (hits.data?.items ?? []).map((d) => ({ ...toNode(d), isLeaf: true, title: `${d.name}（${d.pathName}）` }))
    : nodes;
  const label = value ? labels[value] ?? nodes.find((n) => n.id === value)?.title ?? value : undefined;

  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={treeData}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(v: { value: string; label: React.ReactNode } | undefined) => {
        if (v?.value) setLabels((l) => ({ ...l, [v.value]: String(treeData.find((n) => n.id === v.value)?.title ?? v.label) }));
        onChange?.(v?.value);
        setSearch('');
      }}
      loadData={async (n) => {
        if (!searching) await addChildren(String(n.value));
      }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      notFoundContent={searching ? (hits.isFetching ? '搜索中…' : '未找到匹配的区划') : undefined}
      placeholder={placeholder}
      allowClear
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto', minWidth: 320 } } }}
      data-testid="division-select"
    />
  );
}
