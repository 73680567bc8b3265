import { Card, Col, Empty, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import L from 'leaflet';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { gridKindLabels, gridStatusLabels, gridSubKindLabels } from '../../../common/i18n/zh-CN';
import type { GridSummary } from '../../../common/schemas/grids';
import { ErrorAlert, RefreshAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { PathBreadcrumb } from '../../components/path-breadcrumb';
import { useBoundaryLayer } from '../../components/map/boundary-layer';
import { gridStyle, historyStyle } from '../../components/map/grid-style';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { useCan } from '../auth/auth-api';
import { GridStaffCard } from '../staff/grid-staff-card';
import { GridAttrs } from './grid-attrs';
import { GridHistory } from './grid-history';
import { useGridDetail, useGridsGeo } from './grids-api';
import { useGridLayer } from './map-layers';

export function GridDetailPage() {
  const { code } = useParams();
  const detail = useGridDetail(code);
  const [map, setMap] = useMapInstance();
  const [version, setVersion] = useState<number | null>(null);
  const canPropose = useCan('grid.propose');
  const grid = detail.data?.grid;

  const bbox = useMemo(() => {
    if (!grid?.boundary) return undefined;
    const b = L.geoJSON(grid.boundary).getBounds();
    return b.isValid() ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(',') : undefined;
  }, [grid?.boundary]);
  const micro = useGridsGeo({ level: 'micro', status: 'active', bbox }, !!bbox && (detail.data?.microGrids.length ?? 0) > 0);
  const microOfGrid = useMemo(
    () => micro.data && { ...micro.data, features: micro.data.features.filter((f) => f.properties.parentCode === code) },
    [micro.data, code],
  );
  const selectedVersion = detail.data?.history.find((v) => v.version === version);

  useBoundaryLayer(map, grid?.boundary, grid ? gridStyle(grid.kind, 14) : {}, { fit: true, label: grid?.name });
  useGridLayer(map, microOfGrid, { micro: true });
  useBoundaryLayer(map, selectedVersion?.boundary, historyStyle, { label: selectedVersion ? `第 ${selectedVersion.version} 版` : undefined });

  if (detail.isPending) return <Skeleton active className="page" />;
  if (!detail.data || !grid) return <div className="page"><ErrorAlert error={detail.error} /></div>;
  const { path, history, microGrids } = detail.data;

  return (
    <div className="page">
      <RefreshAlert error={detail.error} />
      <PathBreadcrumb path={path} tail={grid.name} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="grid-title">
          {grid.name}
        </Typography.Title>
        <Tag color="blue">{gridKindLabels[grid.kind]}</Tag>
        <Tag color={grid.status === 'active' ? 'green' : 'default'}>{gridStatusLabels[grid.status]}</Tag>
        {/* The public notice (Art. 12) is a server page outside the app: plain links, opened in a new tab. */}
        <a href={`/g/${grid.code}`} target="_blank" rel="noreferrer">公示页面</a>
        {grid.status === 'active' && <a href={`/g/${grid.code}/board`} target="_blank" rel="noreferrer">打印公示牌</a>}
        {canPropose && grid.status === 'active' && (
          <>
            <Link to={`/changes/new?kind=redraw&grid=${grid.code}`}>调整边界/属性</Link>
            <Link to={`/changes/new?kind=split&grid=${grid.code}`}>拆分</Link>
            <Link to={`/changes/new?kind=retire&grid=${grid.code}`}>撤销</Link>
          </>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <GridAttrs grid={grid} />
        </Col>
        <Col xs={24} lg={14}>
          <LeafletMap onReady={setMap} testId="grid-map" />
          {selectedVersion && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              红色虚线：第 {selectedVersion.version} 版边界（{fmtDateTime(selectedVersion.validFrom)}）
            </Typography.Text>
          )}
          {!grid.boundary && <Empty description="暂无边界数据" />}
        </Col>
        <Col span={24}>
          <GridStaffCard gridCode={grid.code} active={grid.status === 'active'} />
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="历史版本">
            <GridHistory history={history} selected={version} onSelect={setVersion} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={`微网格（${microGrids.length}）`}>
            <MicroGridTable items={microGrids} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function MicroGridTable({ items }: { items: GridSummary[] }) {
  return (
    <Table<GridSummary>
      size="small"
      rowKey="code"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: true }}
      locale={{ emptyText: '无微网格' }}
      columns={[
        { title: '编码', dataIndex: 'code', render: (c: string) => <Link to={`/grids/${c}`}>{c}</Link> },
        { title: '名称', dataIndex: 'name' },
        { title: '划分单元', dataIndex: 'subKind', render: (s: GridSummary['subKind']) => gridSubKindLabels[s] },
      ]}
    />
  );
}
