import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import type { DivisionRef } from '../../common/schemas/territory';

/** root → self, each linking to its territory page; an optional trailing item (e.g. the grid). */
export function PathBreadcrumb({ path, tail }: { path: DivisionRef[]; tail?: string }) {
  const items = path.map((p) => ({ key: p.code, title: <Link to={`/territory/${p.code}`}>{p.name}</Link> }));
  if (tail) items.push({ key: '__tail', title: <span>{tail}</span> });
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}
