import { Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { gridKindLabels, gridSubKindLabels } from '../../../common/i18n/zh-CN';
import type { GridSummary } from '../../../common/schemas/grids';
import { ErrorAlert } from '../../components/error-alert';
import { useGridList } from '../grids/grids-api';

const PAGE = 20;

/** Active grids within a division, paged on the server. */
export function DivisionGridsTable({ code }: { code: string }) {
  const [page, setPage] = useState(1);
  const list = useGridList({ within: code, level: 'grid', status: 'active', limit: PAGE, offset: (page - 1) * PAGE });
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<GridSummary>
        size="small"
        rowKey="code"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="division-grids"
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 个网格` }}
        columns={[
          { title: '网格编码', dataIndex: 'code', render: (c: string) => <Link to={`/grids/${c}`}>{c}</Link> },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: GridSummary['kind']) => gridKindLabels[k] },
          { title: '划分单元', dataIndex: 'subKind', render: (s: GridSummary['subKind']) => gridSubKindLabels[s] },
          { title: '社区（村）', dataIndex: 'divisionName' },
        ]}
      />
    </>
  );
}
