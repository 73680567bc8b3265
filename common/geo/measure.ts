// Single turf modules, not @turf/turf: the whole library costs a third of a second at every start.
import { area } from '@turf/area';
import { centroid } from '@turf/centroid';
import type { AreaGeometry, BBox, Position } from './types';

export function bboxOf(g: AreaGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const polygon of polygons) {
    // Holes lie inside their shell, so the shell alone bounds the polygon.
    const shell = polygon[0];
    if (!shell) continue;
    for (const [x, y] of shell) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Geodesic area in square metres (holes subtracted). */
export function areaM2(g: AreaGeometry): number {
  return area(g);
}

/** Mean of the vertices; may fall outside a concave or ring-shaped area. */
export function centroidOf(g: AreaGeometry): Position {
  const [x, y] = centroid(g).geometry.coordinates;
  return [x, y];
}

/**
 * A point guaranteed to lie inside the area, for map labels and pins. turf's pointOnFeature falls
 * back to a boundary vertex when the centre is outside, which puts the label on the border; instead
 * we cut the largest part with a few horizontal lines and take the middle of the widest inside span.
 */
export function labelPointOf(g: AreaGeometry): Position {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let rings = polygons[0];
  if (polygons.length > 1) {
    let best = -1;
    for (const p of polygons) {
      const a = area({ type: 'Polygon', coordinates: p });
      if (a > best) [best, rings] = [a, p];
    }
  }
  const [, minY, , maxY] = bboxOf({ type: 'Polygon', coordinates: rings });
  let bestWidth = -1;
  let bestPoint: Position = rings[0][0];
  for (const f of [0.5, 0.35, 0.65, 0.2, 0.8]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [x1, y1] = ring[i - 1];
        const [x2, y2] = ring[i];
        // Half-open on y so a line through a vertex counts each edge pair once.
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = xs[k + 1] - xs[k];
      if (w > bestWidth) {
        bestWidth = w;
        bestPoint = [(xs[k] + xs[k + 1]) / 2, y];
      }
    }
  }
  return bestPoint;
}
