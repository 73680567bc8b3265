import L from 'leaflet';
import type { GeoJsonObject } from 'geojson';
import { useEffect } from 'react';
import { textLabel } from './text-label';

/** Shows one GeoJSON object with a style; optionally fits the map to it. */
export function useBoundaryLayer(
  map: L.Map | null,
  geo: GeoJsonObject | null | undefined,
  style: L.PathOptions,
  opts: { fit?: boolean; label?: string; interactive?: boolean } = {},
) {
  const { fit = false, label, interactive = false } = opts;
  useEffect(() => {
    if (!map || !geo) return;
    const layer = L.geoJSON(geo, { style, interactive });
    if (label) layer.bindTooltip(textLabel(label), { sticky: true });
    layer.addTo(map);
    const b = layer.getBounds();
    if (fit && b.isValid()) map.fitBounds(b, { padding: [16, 16], maxZoom: 17 });
    return () => {
      layer.remove();
    };
    // style is a constant object at every call site
  }, [map, geo, fit, label, interactive]); // eslint-disable-line react-hooks/exhaustive-deps
}
