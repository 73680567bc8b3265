import type { Position } from './types';

/**
 * Planar helpers on raw lng/lat. Distortion does not matter here: they answer topological questions
 * (which side, inside or not, which way round), which a projection cannot change at grid scale.
 */

/** > 0 when c is left of a→b, < 0 when right, 0 when collinear. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Shoelace area in degrees²; positive for a counter-clockwise ring. Works on closed or open rings. */
export function ringSignedArea(ring: Position[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** Square metres per square degree at a latitude; good enough for thresholds, not for reporting. */
export function m2PerDeg2(lat: number): number {
  return 111_320 * 111_320 * Math.cos((lat * Math.PI) / 180);
}

/** 1 inside, 0 on the boundary, -1 outside. The ring may be closed or open. */
export function pointInRing(x: number, y: number, ring: Position[]): 1 | 0 | -1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (
      orient(xj, yj, xi, yi, x, y) === 0 &&
      x >= Math.min(xi, xj) &&
      x <= Math.max(xi, xj) &&
      y >= Math.min(yi, yj) &&
      y <= Math.max(yi, yj)
    ) {
      return 0;
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Where a ring lies relative to another ring it does not cross: the first vertex off the boundary decides. */
export function ringSideOf(ring: Position[], other: Position[]): 1 | 0 | -1 {
  for (const [x, y] of ring) {
    const side = pointInRing(x, y, other);
    if (side !== 0) return side;
  }
  return 0;
}
