import { useQueryClient } from '@tanstack/react-query';
import { Tag, Tree } from 'antd';
import type { TreeDataNode as DataNode } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DivisionNode } from '../../../common/schemas/territory';
import { fetchDivisionNode, specialTag } from './territory-api';

type Child = DivisionNode['children'][number];

/** Lazily loaded division tree; `path` (root→selected) is expanded and loaded when it changes. */
export function DivisionTree({ rootCode, path, selected, onSelect }: {
  rootCode: string;
  path: string[];
  selected?: string;
  onSelect: (code: string) => void;
}) {
  const qc = useQueryClient();
  const [root, setRoot] = useState<DivisionNode['division'] | null>(null);
  const [kids, setKids] = useState<Record<string, Child[]>>({});
  const [expanded, setExpanded] = useState<React.Key[]>([rootCode]);

  const load = useCallback(
    async (code: string) => {
      const node = await fetchDivisionNode(qc, code);
      setKids((k) => (k[code] ? k : { ...k, [code]: node.children }));
      return node;
    },
    [qc],
  );

  useEffect(() => {
    load(rootCode).then((n) => setRoot(n.division)).catch(() => undefined);
  }, [rootCode, load]);

  const pathKey = path.join('/');
  useEffect(() => {
    const ancestors = path.slice(0, -1);
    if (ancestors.length === 0) return;
    Promise.all(ancestors.map(load))
      .then(() => setExpanded((e) => Array.from(new Set([...e, ...ancestors]))))
      .catch(() => undefined);
  }, [pathKey, load]); // eslint-disable-line react-hooks/exhaustive-deps

  const toNode = (d: Child | DivisionNode['division'], count?: number): DataNode => {
    const tag = specialTag(d);
    return {
      key: d.code,
      isLeaf: d.level === 'village',
      title: (
        <span>
          {d.name}
          {tag && <Tag color="purple" style={{ marginLeft: 4 }}>{tag}</Tag>}
          {count !== undefined && <span style={{ color: '#999', fontSize: 12, marginLeft: 4 }}>{count}</span>}
        </span>
      ),
      children: kids[d.code]?.map((c) => toNode(c, c.activeGrids)),
    };
  };

  if (!root) return null;
  return (
    <Tree
      treeData={[toNode(root)]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys)}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
      loadData={async (node) => {
        await load(String(node.key));
      }}
      blockNode
      showLine
      data-testid="division-tree"
    />
  );
}
