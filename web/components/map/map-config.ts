/** Where map tiles come from. Default: none (plain background, works offline / on the government intranet). */
export interface TileConfig {
  url: string;
  attribution: string;
  subdomains?: string;
  maxZoom: number;
}

function defaultAttribution(url: string): string {
  if (/tianditu/i.test(url)) return '地图数据 © 天地图（国家地理信息公共服务平台）';
  if (/openstreetmap/i.test(url)) return '© OpenStreetMap contributors';
  return '底图数据 © 提供方';
}

export function tileConfig(): TileConfig | null {
  const rt = typeof window === 'undefined' ? undefined : window.__WANGGE_CONFIG__;
  const url = rt?.tileUrl || import.meta.env.VITE_TILE_URL;
  if (!url) return null;
  return {
    url,
    attribution: rt?.tileAttribution || import.meta.env.VITE_TILE_ATTRIBUTION || defaultAttribution(url),
    subdomains: rt?.tileSubdomains || import.meta.env.VITE_TILE_SUBDOMAINS || undefined,
    maxZoom: rt?.tileMaxZoom ?? 18,
  };
}

/** 黑河市 extent (WGS-84), used before the county outlines arrive. */
export const HEIHE_BOUNDS: [[number, number], [number, number]] = [
  [47.55, 124.7],
  [51.05, 129.55],
];
