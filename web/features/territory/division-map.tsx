import { Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useBoundaryLayer } from '../../components/map/boundary-layer';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { MapLegend } from '../../components/map/map-legend';
import { useCounties, useGridsGeo } from '../grids/grids-api';
import { useCountyLayer, useGridLayer } from '../grids/map-layers';
import { ROOT_CODE, useDivisionBoundary } from './territory-api';

const outline = { color: '#262626', weight: 2, fill: false };

/** The division's outline and its grids (the city root shows county outlines instead of 3,800 grids). */
export function DivisionMap({ code }: { code: string }) {
  const [map, setMap] = useMapInstance();
  const navigate = useNavigate();
  const isRoot = code === ROOT_CODE;
  const boundary = useDivisionBoundary(isRoot ? undefined : code);
  const counties = useCounties();
  const grids = useGridsGeo({ within: code, level: 'grid', status: 'active' }, !isRoot);

  useCountyLayer(map, isRoot ? counties.data : undefined);
  useBoundaryLayer(map, boundary.data?.geometry ? boundary.data : undefined, outline, { fit: true });
  const fitGrids = !boundary.isPending && !boundary.data?.geometry;
  useGridLayer(map, isRoot ? undefined : grids.data, { onClick: (g) => navigate(`/grids/${g.code}`) });
  useBoundaryLayer(map, fitGrids && grids.data?.features.length ? grids.data : undefined, { opacity: 0, fill: false }, { fit: true });

  return (
    <div>
      <LeafletMap onReady={setMap} testId="division-map" />
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginTop: 4 }}>
        <MapLegend />
        {!isRoot && !boundary.isPending && !boundary.data?.geometry && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            该区划暂无边界数据{grids.data?.features.length ? '，按网格范围显示' : ''}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
