import { describe, expect, it } from 'vitest';
import { areaM2, bboxOf, centroidOf, labelPointOf } from './measure';
import { pointInRing } from './planar';
import type { AreaGeometry, Position } from './types';
import { rect, X, Y } from '../../test/fixtures/shapes';


/** Inside the polygon rings (even-odd), strictly. */
function strictlyInside(p: Position, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    const side = pointInRing(p[0], p[1], ring);
    if (side === 0) return false;
    if (side === 1) inside = !inside;
  }
  return inside;
}

describe('bboxOf', () => {
  it('covers all parts of a MultiPolygon', () => {
    const g: AreaGeometry = { type: 'MultiPolygon', coordinates: [[rect(X, Y, 0.1)], [rect(X + 0.5, Y - 0.2, 0.1)]] };
    expect(bboxOf(g)).toEqual([X, Y - 0.2, X + 0.6, Y + 0.1]);
  });
});

describe('areaM2', () => {
  it('gives the geodesic area of a 0.01° square at 50.2° N', () => {
    // One degree of latitude ≈ 111.195 km on turf's sphere; longitude shrinks by cos(lat).
    const side = 111_194.9 * 0.01;
    const expected = side * side * Math.cos((50.205 * Math.PI) / 180);
    expect(areaM2({ type: 'Polygon', coordinates: [rect(X, Y, 0.01)] })).toBeCloseTo(expected, -3);
  });

  it('subtracts holes', () => {
    const outer = areaM2({ type: 'Polygon', coordinates: [rect(X, Y, 0.02)] });
    const hole = areaM2({ type: 'Polygon', coordinates: [rect(X + 0.005, Y + 0.005, 0.01)] });
    const withHole = areaM2({ type: 'Polygon', coordinates: [rect(X, Y, 0.02), rect(X + 0.005, Y + 0.005, 0.01).reverse()] });
    expect(withHole).toBeCloseTo(outer - hole, 0);
  });
});

describe('labelPointOf and centroidOf', () => {
  // A C shape whose vertex mean falls in the opening.
  const c: Position[] = [
    [X, Y],
    [X + 0.03, Y],
    [X + 0.03, Y + 0.01],
    [X + 0.01, Y + 0.01],
    [X + 0.01, Y + 0.02],
    [X + 0.03, Y + 0.02],
    [X + 0.03, Y + 0.03],
    [X, Y + 0.03],
    [X, Y],
  ];

  it('centroid of a C shape is outside it, the label point inside', () => {
    const g: AreaGeometry = { type: 'Polygon', coordinates: [c] };
    expect(strictlyInside(centroidOf(g), [c])).toBe(false);
    expect(strictlyInside(labelPointOf(g), [c])).toBe(true);
  });

  it('label point avoids a hole in the middle', () => {
    const rings = [rect(X, Y, 0.03), rect(X + 0.005, Y + 0.005, 0.02).reverse()];
    const p = labelPointOf({ type: 'Polygon', coordinates: rings });
    expect(strictlyInside(p, rings)).toBe(true);
  });

  it('label point of a MultiPolygon lies in the largest part', () => {
    const small = rect(X, Y, 0.01);
    const large = rect(X + 0.1, Y, 0.05);
    const p = labelPointOf({ type: 'MultiPolygon', coordinates: [[small], [large]] });
    expect(strictlyInside(p, [large])).toBe(true);
  });
});
