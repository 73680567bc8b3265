import type { GeoJsonObject } from 'geojson';
import L from 'leaflet';
import { useEffect, type CSSProperties } from 'react';
import { LeafletMap, useMapInstance } from './leaflet-map';

export interface PickedPoint {
  lng: number;
  lat: number;
}

/**
 * A map to place a matter by tapping or clicking (WGS-84), framed on an outline (the user's area or
 * grids), optionally with faint context around it, and showing the chosen point as a pin. Taps on
 * the outlines count too: they are not interactive.
 */
export function PointPickerMap({ frame, context, point, onPick, style, testId }: { frame: GeoJsonObject | null | undefined; context?: GeoJsonObject | null; point: PickedPoint | null; onPick: (p: PickedPoint) => void; style?: CSSProperties; testId?: string }) {
  const [map, setMap] = useMapInstance();
  // Around the frame, drawn faintly and not fitted to (e.g. the other grids of the community).
  useEffect(() => {
    if (!map || !context) return;
    const layer = L.geoJSON(context, { style: { color: '#999', weight: 1, fill: false }, interactive: false }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, context]);
  useEffect(() => {
    if (!map || !frame) return;
    const layer = L.geoJSON(frame, { style: { color: '#1677ff', weight: 1.5, fillOpacity: 0.05 }, interactive: false }).addTo(map);
    const b = layer.getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [10, 10], maxZoom: 17 });
    return () => {
      layer.remove();
    };
  }, [map, frame]);
  useEffect(() => {
    if (!map) return;
    const click = (e: L.LeafletMouseEvent) => onPick({ lng: Number(e.latlng.lng.toFixed(7)), lat: Number(e.latlng.lat.toFixed(7)) });
    map.on('click', click);
    return () => {
      map.off('click', click);
    };
  }, [map, onPick]);
  useEffect(() => {
    if (!map || !point) return;
    const pin = L.circleMarker([point.lat, point.lng], { radius: 9, color: '#fff', weight: 2, fillColor: '#c8102e', fillOpacity: 1, interactive: false }).addTo(map);
    return () => {
      pin.remove();
    };
  }, [map, point]);
  return <LeafletMap onReady={setMap} style={{ height: 320, cursor: 'crosshair', ...style }} className="map-box" testId={testId} />;
}
