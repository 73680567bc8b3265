import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { Position } from '../../common/geo/types';
import type { HttpFigure } from './http.bench';

/**
 * Matter intake over HTTP: `POST /api/matters` with a point (the registry finds the grid), each
 * request a new matter with its own client key, signed in as many county-centre operators (the
 * per-operator limit of 60 reports a minute holds for each). Every request must answer 201.
 */
export async function benchIntake(opts: { url: string; path?: string; cookies: string[]; points: Position[]; seconds?: number; connections?: number }): Promise<HttpFigure & { created: number }> {
  let i = 0;
  let created = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 20,
    duration: opts.seconds ?? 5,
    requests: [
      {
        method: 'POST',
        path: opts.path ?? '/api/matters',
        setupRequest: (req) => {
          const n = i++;
          const [lng, lat] = opts.points[n % opts.points.length];
          const body = JSON.stringify({
            clientKey: randomUUID().replaceAll('-', ''),
            source: 'hotline',
            typeCode: '100106',
            description: `12345 来电：热力井盖破损（基准测试 ${n}）`,
            location: { lng, lat, crs: 'wgs84', source: 'map' },
            reporter: { name: '王女士', phone: '13900001234' },
          });
          return { ...req, headers: { ...req.headers, 'content-type': 'application/json', cookie: opts.cookies[n % opts.cookies.length] }, body };
        },
        onResponse: (status) => {
          if (status === 201) created++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    created,
  };
}
