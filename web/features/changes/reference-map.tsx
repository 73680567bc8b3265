import L from 'leaflet';
import { useEffect } from 'react';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import type { EditorReference } from './boundary-editor';
import { textLabel } from '../../components/map/text-label';

/** Read-only map of the grid(s) a change touches (e.g. the grid to retire among its neighbours). */
export function ReferenceMap({ reference }: { reference: EditorReference[] }) {
  const [map, setMap] = useMapInstance();
  useEffect(() => {
    if (!map || reference.length === 0) return;
    const layers = reference.map((r) => {
      const l = L.geoJSON(r.geo, { style: r.style, interactive: !!r.label });
      if (r.label) l.bindTooltip(textLabel(r.label), { sticky: true });
      return l;
    });
    const group = L.featureGroup(layers).addTo(map);
    const focus = layers.filter((_, i) => reference[i].fit !== false);
    const b = (focus.length ? L.featureGroup(focus) : group).getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [16, 16], maxZoom: 17 });
    return () => {
      group.remove();
    };
  }, [map, reference]);
  return <LeafletMap onReady={setMap} style={{ height: 360 }} testId="reference-map" />;
}
