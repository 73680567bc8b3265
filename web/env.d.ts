/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_TILE_URL?: string;
  readonly VITE_TILE_ATTRIBUTION?: string;
  readonly VITE_TILE_SUBDOMAINS?: string;
}

/** Injected by the server into index.html (optional). */
interface WanggeRuntimeConfig {
  tileUrl?: string;
  tileAttribution?: string;
  tileSubdomains?: string;
  tileMaxZoom?: number;
}

interface Window {
  __WANGGE_CONFIG__?: WanggeRuntimeConfig;
}
