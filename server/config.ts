import type { GridCodeScheme } from '../common/domain/grid-code';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  gridCodeScheme: GridCodeScheme;
  /** Optional map tile URL template (e.g. 天地图); without one the map draws vector layers only. */
  tileUrl?: string;
  tileAttribution?: string;
  sessionHours: number;
  secureCookies: boolean;
  /** Demo dataset seeded on first start of an empty database. */
  seedDemo: boolean;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`配置 ${name} 必须是非负整数，当前为 "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const scheme = env.GRID_CODE_SCHEME ?? '15';
  if (scheme !== '15' && scheme !== '14') throw new Error(`配置 GRID_CODE_SCHEME 只能是 15 或 14，当前为 "${scheme}"`);
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    gridCodeScheme: scheme,
    tileUrl: env.TILE_URL || undefined,
    tileAttribution: env.TILE_ATTRIBUTION || undefined,
    sessionHours: int('SESSION_HOURS', env.SESSION_HOURS, 12),
    secureCookies: env.SECURE_COOKIES === '1',
    seedDemo: env.SEED_DEMO !== '0',
  };
}
