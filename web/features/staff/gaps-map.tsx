import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { gapKindLabels, type GapKind } from '../../../common/domain/staff';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { textLabel } from '../../components/map/text-label';
import { useGridsGeo, type GridFeatureCollection } from '../grids/grids-api';
import type { GridGaps } from './staff-types';

/** What a grid is painted as: its first gap in this order, several gaps, or none. */
export type GapClass = GapKind | 'several' | 'none';
export const gapColors: Record<GapClass, string> = {
  several: '#820014',
  no_head: '#f5222d',
  no_fulltime: '#fa8c16',
  no_exclusive: '#722ed1',
  none: '#52c41a',
};
export const gapClassLabels: Record<GapClass, string> = { several: '多项缺口', ...gapKindLabels, none: '配备齐全' };

export function gapClass(gaps: GapKind[] | undefined): GapClass {
  if (!gaps || gaps.length === 0) return 'none';
  return gaps.length > 1 ? 'several' : gaps[0];
}

/** The grids of the area on the canvas map, coloured by their staffing gap; a click opens the grid. */
export function GapsMap({ within, grids }: { within: string; grids: GridGaps[] }) {
  const [map, setMap] = useMapInstance();
  const navigate = useNavigate();
  const navRef = useRef(navigate);
  navRef.current = navigate;
  const geo = useGridsGeo({ within, level: 'grid', status: 'active' });
  const byCode = useMemo(() => new Map(grids.map((g) => [g.code, g])), [grids]);
  const fitted = useRef<string | null>(null);

  useEffect(() => {
    const data: GridFeatureCollection | undefined = geo.data;
    if (!map || !data) return;
    const zoomWeight = () => (map.getZoom() < 10 ? 0.4 : map.getZoom() < 13 ? 1 : 1.5);
    const style = (f?: { properties: { code: string } }) => {
      const color = gapColors[gapClass(byCode.get(f!.properties.code)?.gaps)];
      return { color, weight: zoomWeight(), fillColor: color, fillOpacity: 0.45 };
    };
    const layer = L.geoJSON(data as never, {
      style: style as never,
      onEachFeature: (f, l) => {
        const g = byCode.get(f.properties.code);
        const gaps = g?.gaps.length ? g.gaps.map((k) => gapKindLabels[k]).join('、') : '配备齐全';
        l.bindTooltip(textLabel(`${f.properties.name}：${gaps}`), { sticky: true });
        l.on('click', () => navRef.current(`/grids/${f.properties.code}`));
      },
    }).addTo(map);
    const onZoom = () => layer.setStyle(style as never);
    map.on('zoomend', onZoom);
    const b = layer.getBounds();
    if (b.isValid() && fitted.current !== within) {
      fitted.current = within;
      // the card around the map may have changed size since the map was made
      map.invalidateSize();
      map.fitBounds(b, { padding: [12, 12] });
    }
    return () => {
      map.off('zoomend', onZoom);
      layer.remove();
    };
  }, [map, geo.data, byCode, within]);

  return <LeafletMap onReady={setMap} testId="gaps-map" style={{ height: 460 }} />;
}

export function GapsLegend() {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', fontSize: 12 }} data-testid="gaps-legend">
      {(Object.keys(gapColors) as GapClass[]).map((k) => (
        <span key={k} style={{ whiteSpace: 'nowrap' }}>
          <span style={{ display: 'inline-block', width: 12, height: 12, marginRight: 4, verticalAlign: -1, background: gapColors[k], opacity: 0.7 }} />
          {gapClassLabels[k]}
        </span>
      ))}
    </div>
  );
}
