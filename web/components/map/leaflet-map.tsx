import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { HEIHE_BOUNDS, tileConfig } from './map-config';

export interface LeafletMapProps {
  style?: CSSProperties;
  className?: string;
  onReady: (map: L.Map | null) => void;
  testId?: string;
}

/**
 * A Leaflet map on the canvas renderer (thousands of grid polygons stay fast).
 * No internet tiles unless configured; the page adds its own layers through `onReady`.
 */
export function LeafletMap({ style, className, onReady, testId }: LeafletMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useEffect(() => {
    if (!ref.current) return;
    const map = L.map(ref.current, {
      preferCanvas: true,
      renderer: L.canvas({ padding: 0.5, tolerance: 3 }),
      zoomSnap: 0.5,
      attributionControl: true,
      minZoom: 5,
      maxZoom: 19,
    });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noreferrer">Leaflet</a>');
    map.fitBounds(HEIHE_BOUNDS);
    const tiles = tileConfig();
    if (tiles) {
      L.tileLayer(tiles.url, {
        attribution: tiles.attribution,
        maxZoom: tiles.maxZoom,
        ...(tiles.subdomains ? { subdomains: tiles.subdomains } : {}),
      }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    // The container may get its final size after layout (tabs, drawers).
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(ref.current);
    readyRef.current(map);
    return () => {
      ro.disconnect();
      readyRef.current(null);
      // geoman (change form) must leave edit/draw mode while the canvas renderer still exists,
      // or its cleanup on layer removal dereferences the removed canvas.
      type Pm = { pm?: { enabled?: () => boolean; disable?: () => void; disableDraw?: () => void } };
      (map as unknown as Pm).pm?.disableDraw?.();
      map.eachLayer((l) => {
        const pm = (l as unknown as Pm).pm;
        if (pm?.enabled?.()) pm.disable?.();
      });
      map.remove();
    };
  }, []);

  return <div ref={ref} className={className ?? 'map-box'} style={style} data-testid={testId} />;
}

/** State wrapper: `const [map, setMap] = useMapInstance()` then `<LeafletMap onReady={setMap} />`. */
export function useMapInstance() {
  return useState<L.Map | null>(null);
}
