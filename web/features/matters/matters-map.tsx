import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { useDivisionBoundary } from '../territory/territory-api';
import { markColour } from './matter-tags';
import type { MatterSummary } from './matters-api';

/** The open matters as pins coloured by their light; a pin opens its matter. Framed on the user's territory. */
export function MattersMap({ items, scopeCode, height = 560 }: { items: MatterSummary[]; scopeCode?: string | null; height?: number }) {
  const [map, setMap] = useMapInstance();
  const navigate = useNavigate();
  const home = useDivisionBoundary(scopeCode && scopeCode !== '231100000000' ? scopeCode : undefined);
  const framed = useRef(false);
  const pinned = items.filter((m) => m.lng !== null && m.lat !== null);

  useEffect(() => {
    const g = home.data?.geometry;
    if (!map || !g) return;
    const layer = L.geoJSON(g, { style: { color: '#888', weight: 1.5, fill: false, dashArray: '4 3' }, interactive: false }).addTo(map);
    if (!framed.current && pinned.length === 0) map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    return () => {
      layer.remove();
    };
  }, [map, home.data]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!map) return;
    const group = L.featureGroup();
    for (const m of pinned) {
      L.circleMarker([m.lat!, m.lng!], { radius: m.priority === 'top' ? 9 : 7, color: '#fff', weight: 2, fillColor: markColour(m.mark), fillOpacity: 0.95 })
        .bindTooltip(`${m.number} · ${m.typeName}${m.mark === 'red' ? '（超期）' : m.mark === 'yellow' ? '（临期）' : ''}`)
        .on('click', () => navigate(`/matters/${m.id}`))
        .addTo(group);
    }
    group.addTo(map);
    if (pinned.length && !framed.current) {
      framed.current = true;
      map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 16 });
    }
    return () => {
      group.remove();
    };
  }, [map, pinned.map((m) => `${m.id}:${m.mark}`).join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div data-testid="matters-map" data-pins={pinned.length}>
      <LeafletMap onReady={setMap} style={{ height }} className="map-box" />
      <div style={{ color: '#666', fontSize: 12, marginTop: 4 }}>
        <Dot c={markColour('red')} /> 超期 <Dot c={markColour('yellow')} /> 临期 <Dot c={markColour(null)} /> 期限内 · 共 {pinned.length} 件有位置
        {items.length > pinned.length ? `，${items.length - pinned.length} 件无坐标未显示` : ''}
      </div>
    </div>
  );
}
const Dot = ({ c }: { c: string }) => <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: c, margin: '0 2px 0 8px' }} />;
