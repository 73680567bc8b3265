import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import gcoord from 'gcoord';
import type { PolygonGeometry, Position } from '../../common/geo/types';
import { RESOURCES_DIR } from '../lib/paths';
import { close, dedupeRing, isSimpleRing, resolveRing } from './demo/outline';
import type { DemoCounty, DemoDivision } from './demo/types';

/**
 * Reads the shipped county outlines (resources/heihe) as clean WGS-84 polygons: used for the
 * reference data and as the demo generator's input. Kept apart from the generator so that stays
 * free of I/O.
 */


/** The outline file predates 嫩江县 becoming 嫩江市 (2019), so its feature id is the old code. */
const RENAMED_COUNTIES: Record<string, string> = { '231121': '231183' };

export function loadHeiheCounties(
  divisions: readonly DemoDivision[],
  path: string | URL = join(RESOURCES_DIR, 'counties-gcj02.geojson'),
): DemoCounty[] {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as {
    features: { id: string; properties: { name: string; cp?: Position }; geometry: PolygonGeometry }[];
  };
  const names = new Map(divisions.filter((d) => d.level === 'county').map((d) => [d.code, d.name]));
  return fc.features.map((f) => {
    const code6 = RENAMED_COUNTIES[String(f.id)] ?? String(f.id);
    const code = `${code6}000000`;
    const ring = f.geometry.coordinates[0].map(gcjToWgs);
    const county: DemoCounty = { code, name: names.get(code) ?? f.properties.name, boundary: cleanOutline(ring) };
    if (f.properties.cp) county.seat = gcjToWgs(f.properties.cp);
    return county;
  });
}

export function gcjToWgs(p: Position): Position {
  const [lng, lat] = gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84);
  return [round6(lng), round6(lat)];
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * Cleans a converted outline (see demo/outline.ts) and snaps it to 6 decimals. Snapping to the nearest
 * lattice point keeps the vertices neighbouring counties share identical; it is repeated in the unlikely
 * case that snapping made the ring self-intersect again.
 */
export function cleanOutline(ring: Position[]): PolygonGeometry {
  let current = dedupeRing(ring.map((p) => [round6(p[0]), round6(p[1])] as Position));
  for (let round = 0; round < 5; round++) {
    current = dedupeRing(resolveRing(current).map((p) => [round6(p[0]), round6(p[1])] as Position));
    if (isSimpleRing(current)) return { type: 'Polygon', coordinates: [close(current)] };
  }
  throw new Error('cleanOutline: could not make the outline simple');
}
