import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { checkLngLat, geometryToWgs84, toWgs84 } from './crs';
import type { PolygonGeometry, Position } from './types';

/** Haversine distance in metres; independent of the code under test. */
function metresBetween([lng1, lat1]: Position, [lng2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('toWgs84', () => {
  it('matches the published GCJ-02 → WGS-84 reference value for [123, 45]', () => {
    const [lng, lat] = toWgs84(123, 45, 'gcj02');
    expect(lng).toBeCloseTo(122.99395597, 6);
    expect(lat).toBeCloseTo(44.99804071, 6);
  });

  it('moves a point in Heihe (爱辉区 seat) by a few hundred metres', () => {
    const gcj: Position = [127.50045, 50.252105];
    const wgs = toWgs84(gcj[0], gcj[1], 'gcj02');
    const d = metresBetween(gcj, wgs);
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(1000);
    // GCJ-02 shifts north-east in Heilongjiang, so going back to WGS-84 moves south-west.
    expect(wgs[0]).toBeLessThan(gcj[0]);
    expect(wgs[1]).toBeLessThan(gcj[1]);
  });

  it('round-trips with gcoord forward transform to within 0.2 m across the Heihe bbox', () => {
    for (const [lng, lat] of [
      [124.8, 47.6],
      [127.5, 50.25],
      [129.5, 49.1],
      [125.9, 51.0],
    ] as Position[]) {
      const gcj = gcoord.transform([lng, lat] as [number, number], gcoord.WGS84, gcoord.GCJ02);
      const back = toWgs84(gcj[0], gcj[1], 'gcj02');
      expect(metresBetween(back, [lng, lat])).toBeLessThan(0.2);
    }
  });

  it('leaves WGS-84 input unchanged', () => {
    expect(toWgs84(127.5, 50.2, 'wgs84')).toEqual([127.5, 50.2]);
  });

  it('leaves points outside or at the edge of China unchanged instead of hanging in gcoord', () => {
    // gcoord's inverse loops forever for these (see crs.ts).
    expect(toWgs84(72.0041, 40, 'gcj02')).toEqual([72.0041, 40]);
    expect(toWgs84(100, 0.83, 'gcj02')).toEqual([100, 0.83]);
    expect(toWgs84(2.35, 48.85, 'gcj02')).toEqual([2.35, 48.85]);
  });
});

describe('geometryToWgs84', () => {
  const polygon: PolygonGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [127.5, 50.2],
        [127.6, 50.2],
        [127.6, 50.3],
        [127.5, 50.2],
      ],
    ],
  };

  it('converts every vertex and returns a new object', () => {
    const before = JSON.stringify(polygon);
    const out = geometryToWgs84(polygon, 'gcj02');
    expect(JSON.stringify(polygon)).toBe(before);
    expect(out).not.toBe(polygon);
    expect(out.type).toBe('Polygon');
    const ring = (out as PolygonGeometry).coordinates[0];
    expect(ring).toHaveLength(4);
    ring.forEach((p, i) => {
      expect(p).toEqual(toWgs84(polygon.coordinates[0][i][0], polygon.coordinates[0][i][1], 'gcj02'));
      expect(p).not.toEqual(polygon.coordinates[0][i]);
    });
    // Closed rings stay closed: both ends are converted the same way.
    expect(ring[3]).toEqual(ring[0]);
  });

  it('converts MultiPolygons part by part', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [polygon.coordinates, polygon.coordinates] };
    const out = geometryToWgs84(multi, 'gcj02');
    expect(out.type).toBe('MultiPolygon');
    expect(out.coordinates).toHaveLength(2);
    expect(out.coordinates[1]).toEqual((geometryToWgs84(polygon, 'gcj02') as PolygonGeometry).coordinates);
  });
});

describe('checkLngLat', () => {
  it('accepts valid coordinates including the limits', () => {
    expect(checkLngLat(127.5, 50.2)).toEqual({ ok: true, lng: 127.5, lat: 50.2 });
    expect(checkLngLat(-180, 90)).toEqual({ ok: true, lng: -180, lat: 90 });
  });

  it.each([
    [181, 50, '经度必须是 -180 到 180 之间的数字'],
    [Number.NaN, 50, '经度必须是 -180 到 180 之间的数字'],
    ['127.5', 50, '经度必须是 -180 到 180 之间的数字'],
    [127.5, 91, '纬度必须是 -90 到 90 之间的数字'],
    [127.5, Number.POSITIVE_INFINITY, '纬度必须是 -90 到 90 之间的数字'],
    [127.5, null, '纬度必须是 -90 到 90 之间的数字'],
  ])('rejects (%s, %s)', (lng, lat, message) => {
    expect(checkLngLat(lng, lat)).toEqual({ ok: false, message });
  });
});
