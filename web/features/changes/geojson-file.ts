import type { MultiPolygon, Polygon } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/**
 * Reads an uploaded .geojson: a Polygon/MultiPolygon, a Feature of one, or a FeatureCollection
 * (each polygon feature becomes one geometry, so a split can be uploaded as one file).
 * Throws an Error with a Chinese message when the file is not usable.
 */
export function parseBoundaryFile(text: string): AreaGeometry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('文件不是有效的 JSON/GeoJSON');
  }
  const out: AreaGeometry[] = [];
  const visit = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    const g = o as { type?: string; geometry?: unknown; features?: unknown[]; geometries?: unknown[] };
    if (g.type === 'FeatureCollection' && Array.isArray(g.features)) g.features.forEach(visit);
    else if (g.type === 'Feature') visit(g.geometry);
    else if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) g.geometries.forEach(visit);
    else if (g.type === 'Polygon' || g.type === 'MultiPolygon') out.push(o as AreaGeometry);
  };
  visit(data);
  if (out.length === 0) throw new Error('文件中没有面（Polygon/MultiPolygon）要素');
  for (const g of out) checkLngLat(g);
  return out;
}

function checkLngLat(g: AreaGeometry): void {
  const first = (g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0]) as number[] | undefined;
  if (!first || first.length < 2) throw new Error('边界坐标为空');
  const [lng, lat] = first;
  if (!(lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54))
    throw new Error(`坐标 (${lng}, ${lat}) 不是中国境内的经纬度：请先转换为 WGS-84 经纬度（投影坐标或经纬度顺序颠倒的文件无法使用）`);
}

/** Adds a polygon to an existing area (an enclave drawn as a second outline makes a MultiPolygon). */
export function addPolygon(existing: AreaGeometry | null, added: AreaGeometry): AreaGeometry {
  if (!existing) return added;
  const polys = (g: AreaGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  return { type: 'MultiPolygon', coordinates: [...polys(existing), ...polys(added)] };
}
