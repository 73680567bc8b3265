import gcoord from 'gcoord';
import type { AreaGeometry, Position } from './types';

/**
 * Coordinate systems we accept on input. CGCS2000 (the national datum used by 天地图 and survey data)
 * differs from WGS-84 by centimetres, far below anything a grid boundary cares about, so it is
 * accepted as 'wgs84'. GCJ-02 is the obfuscated datum of 高德/腾讯 maps and of the county outlines
 * we ship; it is shifted by a few hundred metres and must be converted.
 */
export type Crs = 'wgs84' | 'gcj02';

// gcoord only applies the GCJ-02 shift inside this box, and its iterative inverse never terminates
// for points within the shift distance (≤ 0.011°) of the box's edge: the iterate hops in and out of
// the box forever. Such points are thousands of kilometres from Heihe and GCJ-02 is not defined
// there anyway, so we leave them untouched rather than hang the process on hostile input.
const GCJ_BOX = { minLng: 72.004, maxLng: 137.8347, minLat: 0.8293, maxLat: 55.8271 };
const EDGE_MARGIN = 0.05;

function safelyInsideGcjBox(lng: number, lat: number): boolean {
  return (
    lng > GCJ_BOX.minLng + EDGE_MARGIN &&
    lng < GCJ_BOX.maxLng - EDGE_MARGIN &&
    lat > GCJ_BOX.minLat + EDGE_MARGIN &&
    lat < GCJ_BOX.maxLat - EDGE_MARGIN
  );
}

export function toWgs84(lng: number, lat: number, crs: Crs): Position {
  if (crs === 'wgs84' || !safelyInsideGcjBox(lng, lat)) return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat] as [number, number], gcoord.GCJ02, gcoord.WGS84);
  return [x, y];
}

export function geometryToWgs84(g: AreaGeometry, from: Crs): AreaGeometry {
  const ring = (r: Position[]): Position[] => r.map(([x, y]) => toWgs84(x, y, from));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

export type LngLatCheck = { ok: true; lng: number; lat: number } | { ok: false; message: string };

export function checkLngLat(lng: unknown, lat: unknown): LngLatCheck {
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    return { ok: false, message: '经度必须是 -180 到 180 之间的数字' };
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    return { ok: false, message: '纬度必须是 -90 到 90 之间的数字' };
  }
  return { ok: true, lng, lat };
}
