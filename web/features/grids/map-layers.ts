import L from 'leaflet';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useRef } from 'react';
import type { GridSummary } from '../../../common/schemas/grids';
import { countyStyle, gridStyle, microGridStyle } from '../../components/map/grid-style';
import type { GridFeatureCollection } from './grids-api';
import { textLabel } from '../../components/map/text-label';

type CountyFc = FeatureCollection<Geometry | null, { code: string; name: string; kind: string }>;

/** County and management-area outlines with permanent name labels; fits the map to them once. */
export function useCountyLayer(map: L.Map | null, data: CountyFc | undefined, fit = true) {
  useEffect(() => {
    if (!map || !data) return;
    const layer = L.geoJSON(data as never, {
      style: countyStyle,
      interactive: false,
      onEachFeature: (f, l) =>
        l.bindTooltip(textLabel(String(f.properties?.name ?? '')), { permanent: true, direction: 'center', className: 'county-label' }),
    }).addTo(map);
    layer.bringToBack();
    if (fit && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    return () => {
      layer.remove();
    };
  }, [map, data, fit]);
}

export interface GridLayerOptions {
  onClick?: (grid: GridSummary, e: L.LeafletMouseEvent) => void;
  selectedCode?: string | null;
  micro?: boolean;
}

/** Grids coloured by kind on the shared canvas; restyles on zoom bands and highlights the selected one. */
export function useGridLayer(map: L.Map | null, data: GridFeatureCollection | undefined, opts: GridLayerOptions) {
  const clickRef = useRef(opts.onClick);
  clickRef.current = opts.onClick;
  const layerRef = useRef<L.GeoJSON | null>(null);
  const selectedRef = useRef<string | null | undefined>(opts.selectedCode);
  selectedRef.current = opts.selectedCode;
  const micro = !!opts.micro;

  useEffect(() => {
    if (!map || !data) return;
    const styleOf = (f?: { properties: GridSummary }) =>
      micro ? microGridStyle : gridStyle(f!.properties.kind, map.getZoom(), f!.properties.code === selectedRef.current);
    const layer = L.geoJSON(data as never, {
      style: styleOf as never,
      onEachFeature: (f, l) => l.on('click', (e) => clickRef.current?.(f.properties as GridSummary, e as L.LeafletMouseEvent)),
    }).addTo(map);
    layerRef.current = layer;
    let band = zoomBand(map.getZoom());
    const onZoom = () => {
      const b = zoomBand(map.getZoom());
      if (b !== band && !micro) layer.setStyle(styleOf as never);
      band = b;
    };
    map.on('zoomend', onZoom);
    return () => {
      map.off('zoomend', onZoom);
      layer.remove();
      layerRef.current = null;
    };
  }, [map, data, micro]);

  // Restyle only the previously and newly selected grids, not all 3,800.
  const prevSelected = useRef<string | null | undefined>(null);
  useEffect(() => {
    const layer = layerRef.current;
    if (!layer || !map || micro) return;
    const codes = new Set([prevSelected.current, opts.selectedCode].filter(Boolean));
    prevSelected.current = opts.selectedCode;
    if (codes.size === 0) return;
    layer.eachLayer((l) => {
      const p = (l as L.Path & { feature?: { properties: GridSummary } }).feature?.properties;
      if (!p || !codes.has(p.code)) return;
      const sel = p.code === opts.selectedCode;
      (l as L.Path).setStyle(gridStyle(p.kind, map.getZoom(), sel));
      if (sel) (l as L.Path).bringToFront();
    });
  }, [opts.selectedCode, map, micro, data]);
}

function zoomBand(z: number): number {
  return z < 10 ? 0 : z < 13 ? 1 : 2;
}
