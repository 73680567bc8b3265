import type L from 'leaflet';
import { useEffect, useState } from 'react';

/** The current view as a bbox string once zoomed in past `minZoom` (rounded so small pans reuse the cache). */
export function useMicroGridBbox(map: L.Map | null, minZoom: number): string | null {
  const [bbox, setBbox] = useState<string | null>(null);
  useEffect(() => {
    if (!map) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (map.getZoom() < minZoom) return setBbox(null);
        const b = map.getBounds().pad(0.25);
        const r = (v: number, up: boolean) => (up ? Math.ceil(v * 100) : Math.floor(v * 100)) / 100;
        setBbox([r(b.getWest(), false), r(b.getSouth(), false), r(b.getEast(), true), r(b.getNorth(), true)].join(','));
      }, 250);
    };
    map.on('moveend', update);
    update();
    return () => {
      clearTimeout(timer);
      map.off('moveend', update);
    };
  }, [map, minZoom]);
  return bbox;
}
