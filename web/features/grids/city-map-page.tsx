import { useMutation } from '@tanstack/react-query';
import { Button, Card, DatePicker, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import type { GridSummary } from '../../../common/schemas/grids';
import { ErrorAlert } from '../../components/error-alert';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { MapLegend } from '../../components/map/map-legend';
import { useMe } from '../auth/auth-api';
import { ROOT_CODE, useDivisionBoundary } from '../territory/territory-api';
import { GridInfoPanel } from './grid-info-panel';
import { lookupPoint, useCounties, useGridsGeo, type Crs } from './grids-api';
import { LookupBox } from './lookup-box';
import { useCountyLayer, useGridLayer } from './map-layers';
import { useMicroGridBbox } from './use-micro-bbox';

const MICRO_ZOOM = 13;

export function CityMapPage() {
  const [map, setMap] = useMapInstance();
  const [date, setDate] = useState<Dayjs | null>(null);
  const asOf = date ? date.endOf('day').toISOString() : undefined;
  const [selected, setSelected] = useState<GridSummary | null>(null);
  const [queryMode, setQueryMode] = useState(false);
  // On phones the query card would hide the map: start folded.
  const [lookupOpen, setLookupOpen] = useState(() => window.innerWidth >= 768);
  const queryModeRef = useRef(queryMode);
  queryModeRef.current = queryMode;

  // Open on the user's own territory: a street centre sees its township, not the whole city.
  const scope = useMe().data?.scopeCode;
  const home = useDivisionBoundary(scope && scope !== ROOT_CODE ? scope : undefined);
  const framed = useRef(false);
  useEffect(() => {
    const g = home.data?.geometry;
    if (!map || !g || framed.current) return;
    framed.current = true;
    map.fitBounds(L.geoJSON(g).getBounds(), { padding: [16, 16] });
  }, [map, home.data]);

  const counties = useCounties();
  const grids = useGridsGeo({ level: 'grid', status: 'active', asOf });
  const microBbox = useMicroGridBbox(map, MICRO_ZOOM);
  const micro = useGridsGeo({ level: 'micro', status: 'active', asOf, bbox: microBbox ?? undefined }, !!microBbox);

  const lookup = useMutation({ mutationFn: (p: { lng: number; lat: number; crs: Crs }) => lookupPoint(p.lng, p.lat, p.crs) });

  useCountyLayer(map, counties.data, !scope || scope === ROOT_CODE);
  useGridLayer(map, grids.data, {
    selectedCode: selected?.code,
    onClick: (g) => {
      if (!queryModeRef.current) setSelected(g);
    },
  });
  useGridLayer(map, microBbox ? micro.data : undefined, { micro: true, onClick: (g) => !queryModeRef.current && setSelected(g) });

  // Map picking for 坐标查询.
  useEffect(() => {
    if (!map) return;
    const onClick = (e: L.LeafletMouseEvent) => {
      if (queryModeRef.current) lookup.mutate({ lng: e.latlng.lng, lat: e.latlng.lat, crs: 'wgs84' });
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    map?.getContainer().classList.toggle('map-query-mode', queryMode);
  }, [map, queryMode]);

  // Marker at the looked-up point (returned in WGS-84 whatever the input CRS).
  useEffect(() => {
    const p = lookup.data?.point;
    if (!map || !p) return;
    const m = L.circleMarker([p.lat, p.lng], { radius: 7, color: '#c8102e', weight: 2, fillColor: '#fff', fillOpacity: 1 }).addTo(map);
    if (!map.getBounds().contains([p.lat, p.lng])) map.setView([p.lat, p.lng], Math.max(map.getZoom(), 13));
    return () => {
      m.remove();
    };
  }, [map, lookup.data]);

  const count = grids.data?.features.length;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)' }}>
      <div style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0' }}>
        <Space wrap size={12}>
          <Typography.Text strong>网格地图</Typography.Text>
          <span>
            历史日期：
            <DatePicker value={date} onChange={setDate} allowClear placeholder="当前" aria-label="历史日期" />
          </span>
          {date && <Tag color="orange">显示 {date.format('YYYY-MM-DD')} 的网格</Tag>}
          <MapLegend micro />
          <Typography.Text type="secondary" data-testid="grid-count">
            {grids.isFetching ? '正在加载网格…' : count !== undefined ? `共 ${count.toLocaleString('zh-CN')} 个网格` : ''}
          </Typography.Text>
        </Space>
        <ErrorAlert error={grids.error ?? counties.error} style={{ marginTop: 8 }} />
      </div>
      <div style={{ position: 'relative', flex: 1, minHeight: 300 }}>
        <LeafletMap onReady={setMap} style={{ position: 'absolute', inset: 0 }} className="city-map" testId="city-map" />
        <div className="map-overlay" style={{ position: 'absolute', top: 10, right: 10, zIndex: 1000, width: 'min(400px, calc(100% - 60px))', display: 'flex', flexDirection: 'column', gap: 8, maxHeight: 'calc(100% - 20px)', overflow: 'auto' }}>
          {!lookupOpen && (
            <Button style={{ alignSelf: 'flex-end' }} onClick={() => setLookupOpen(true)}>
              坐标查询
            </Button>
          )}
          <Card
            size="small"
            title="坐标查询"
            style={{ display: lookupOpen ? undefined : 'none' }}
            extra={<Button type="link" size="small" onClick={() => setLookupOpen(false)}>收起</Button>}
          >
            <LookupBox
              onQuery={(lng, lat, crs) => lookup.mutate({ lng, lat, crs })}
              queryMode={queryMode}
              onQueryModeChange={setQueryMode}
              loading={lookup.isPending}
              error={lookup.error}
              result={lookup.data ?? null}
            />
          </Card>
          {selected && <GridInfoPanel grid={selected} onClose={() => setSelected(null)} />}
        </div>
      </div>
    </div>
  );
}
