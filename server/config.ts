import { isIP } from 'node:net';
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
  /** How long a validated session is served from memory; 0 checks the database on every request. */
  sessionCacheSeconds: number;
  secureCookies: boolean;
  /**
   * Which reverse proxies may tell the client's address (X-Forwarded-For) and scheme: false (none,
   * the default), a hop count, or the proxies' addresses/CIDR ranges.
   */
  trustProxy: false | number | string[];
  /** The address users reach the platform at (e.g. https://wangge.heihe.gov.cn), when it differs from the Host header. */
  publicOrigins: string[];
  /** Demo dataset seeded on first start of an empty database. */
  seedDemo: boolean;
  /** Worker threads for heavy geometry checks. */
  geometryThreads: number;
  /** How often due deadline jobs (warnings, overdue escalation) are run; 0 leaves it to `deadlines sweep`. */
  jobsIntervalSeconds: number;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`配置 ${name} 必须是非负整数，当前为 "${value}"`);
  return n;
}

function trustProxy(value: string | undefined): Config['trustProxy'] {
  const v = value?.trim();
  if (!v || v === '0' || v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) {
    const [addr, bits] = p.split('/');
    if (!isIP(addr) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new Error(`配置 TRUST_PROXY 应为代理的跳数（如 1）或代理地址/网段（如 127.0.0.1,10.0.0.0/8），当前含有 "${p}"`);
    }
  }
  return parts;
}

function origins(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((s) => {
    try {
      return new URL(s.trim()).origin;
    } catch {
      throw new Error(`配置 PUBLIC_URL 应为完整地址（如 https://wangge.example.cn），当前含有 "${s.trim()}"`);
    }
  });
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
    sessionCacheSeconds: int('SESSION_CACHE_SECONDS', env.SESSION_CACHE_SECONDS, 30),
    secureCookies: env.SECURE_COOKIES === '1',
    trustProxy: trustProxy(env.TRUST_PROXY),
    publicOrigins: origins(env.PUBLIC_URL),
    seedDemo: env.SEED_DEMO !== '0',
    geometryThreads: int('GEOMETRY_THREADS', env.GEOMETRY_THREADS, 1),
    jobsIntervalSeconds: int('JOBS_INTERVAL_SECONDS', env.JOBS_INTERVAL_SECONDS, 10),
  };
}
