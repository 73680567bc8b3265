import { describe, expect, it } from 'vitest';
import { readHeiheCountiesGcj02 } from '../../test/fixtures/heihe-counties';
import { AppError } from '../app-error';
import { geometryToWgs84 } from './crs';
import { checkAreaGeometry, outsideAreaM2, overlapAreaM2, uncoveredPart, unionOf } from './geometry-check';
import { areaM2, bboxOf, labelPointOf } from './measure';
import type { AreaGeometry, Position } from './types';
import { rect, X, Y } from '../../test/fixtures/shapes';

const square = (x: number, y: number, w: number, h = w): AreaGeometry => ({ type: 'Polygon', coordinates: [rect(x, y, w, h)] });
const within1Percent = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);

describe('overlapAreaM2', () => {
  it('equals the shared rectangle for two squares offset by half a side', () => {
    const a = square(X, Y, 0.02);
    const b = square(X + 0.01, Y + 0.005, 0.02);
    within1Percent(overlapAreaM2(a, b), areaM2(square(X + 0.01, Y + 0.005, 0.01, 0.015)));
    expect(overlapAreaM2(a, b)).toBeCloseTo(overlapAreaM2(b, a), 3);
  });

  it('is 0 for squares that only share an edge or a corner, or are apart', () => {
    const a = square(X, Y, 0.01);
    expect(overlapAreaM2(a, square(X + 0.01, Y, 0.01))).toBe(0);
    expect(overlapAreaM2(a, square(X + 0.01, Y + 0.01, 0.01))).toBe(0);
    expect(overlapAreaM2(a, square(X + 0.5, Y, 0.01))).toBe(0);
  });

  it('counts a hole: a square sitting in another area\'s hole does not overlap it', () => {
    const ring: AreaGeometry = { type: 'Polygon', coordinates: [rect(X, Y, 0.03), rect(X + 0.01, Y + 0.01, 0.01).reverse()] };
    expect(overlapAreaM2(ring, square(X + 0.01, Y + 0.01, 0.01))).toBe(0);
    within1Percent(overlapAreaM2(ring, square(X, Y, 0.01)), areaM2(square(X, Y, 0.01)));
  });
});

describe('outsideAreaM2', () => {
  const county = square(X, Y, 0.1);

  it('is ~0 for a grid inside the county, including one touching its border', () => {
    expect(outsideAreaM2(square(X + 0.02, Y + 0.02, 0.01), county)).toBeLessThan(1e-3);
    expect(outsideAreaM2(square(X, Y, 0.01), county)).toBeLessThan(1e-3);
  });

  it('is the part sticking out', () => {
    const grid = square(X + 0.09, Y + 0.05, 0.02, 0.01);
    within1Percent(outsideAreaM2(grid, county), areaM2(square(X + 0.1, Y + 0.05, 0.01, 0.01)));
  });

  it('is the whole grid when it is far away', () => {
    const grid = square(X + 1, Y, 0.01);
    expect(outsideAreaM2(grid, county)).toBeCloseTo(areaM2(grid), 3);
  });
});

describe('uncoveredPart', () => {
  // Grids drawn with snapping share exact coordinates; arithmetic like (X + 0.01) + 0.01 ≠ X + 0.02
  // would leave hair-thin slivers that are not what these tests are about.
  const xs = [X, X + 0.01, X + 0.02];
  const ys = [Y, Y + 0.01, Y + 0.02];
  const cell = (i0: number, j0: number, i1: number, j1: number): AreaGeometry => ({
    type: 'Polygon',
    coordinates: [
      [
        [xs[i0], ys[j0]],
        [xs[i1], ys[j0]],
        [xs[i1], ys[j1]],
        [xs[i0], ys[j1]],
        [xs[i0], ys[j0]],
      ],
    ],
  });
  const community = cell(0, 0, 2, 2);
  const quadrants = [cell(0, 0, 1, 1), cell(1, 0, 2, 1), cell(0, 1, 1, 2), cell(1, 1, 2, 2)];

  it('reports the missing quadrant when three of four grids exist', () => {
    const gap = uncoveredPart(community, quadrants.slice(0, 3));
    within1Percent(gap.areaM2, areaM2(quadrants[3]));
    expect(gap.geometry).not.toBeNull();
    const box = bboxOf(gap.geometry as AreaGeometry);
    expect(box).toEqual([xs[1], ys[1], xs[2], ys[2]]);
  });

  it('is empty when the grids cover everything, even if they stick out', () => {
    const gap = uncoveredPart(community, [...quadrants.slice(0, 3), square(X + 0.01, Y + 0.01, 0.05)]);
    expect(gap.areaM2).toBe(0);
    expect(gap.geometry).toBeNull();
  });

  it('is the whole community when there are no grids or none nearby', () => {
    expect(uncoveredPart(community, []).areaM2).toBeCloseTo(areaM2(community), 3);
    expect(uncoveredPart(community, [square(X + 1, Y, 0.01)]).areaM2).toBeCloseTo(areaM2(community), 3);
  });
});

describe('unionOf', () => {
  it('merges two adjacent grids into one polygon with the summed area', () => {
    const a = square(X, Y, 0.01);
    const b = square(X + 0.01, Y, 0.01);
    const u = unionOf([a, b]);
    expect(u.type).toBe('Polygon');
    within1Percent(areaM2(u), areaM2(a) + areaM2(b));
    [X, Y, X + 0.02, Y + 0.01].forEach((v, i) => expect(bboxOf(u)[i]).toBeCloseTo(v, 9));
  });

  it('keeps apart grids as a MultiPolygon', () => {
    expect(unionOf([square(X, Y, 0.01), square(X + 0.05, Y, 0.01)]).type).toBe('MultiPolygon');
  });

  it('refuses an empty list with a Chinese message', () => {
    expect(() => unionOf([])).toThrow(AppError);
    expect(() => unionOf([])).toThrow('没有选择要合并的区域');
  });
});

describe('on county outlines (thousands of vertices)', () => {
  const counties = readHeiheCountiesGcj02();
  const county = (name: string) => geometryToWgs84(counties.find((f) => f.name === name)?.geometry as AreaGeometry, 'gcj02');

  it('unionOf([g]) repairs an outline checkAreaGeometry rejects, keeping its area', () => {
    const beian = county('北安市');
    expect(checkAreaGeometry(beian).ok).toBe(false);
    const repaired = checkAreaGeometry(unionOf([beian]));
    expect(repaired.ok).toBe(true);
    if (repaired.ok) within1Percent(repaired.areaM2, areaM2(beian));
  });

  it('a grid around the label point of 爱辉区 lies inside it and outside 孙吴县', () => {
    const aihui = county('爱辉区');
    const [x, y] = labelPointOf(aihui);
    const grid = square(x - 0.005, y - 0.005, 0.01);
    expect(outsideAreaM2(grid, aihui)).toBeLessThan(1);
    within1Percent(outsideAreaM2(grid, county('孙吴县')), areaM2(grid));
    within1Percent(overlapAreaM2(grid, aihui), areaM2(grid));
  });

  it('neighbouring counties overlap by a negligible amount', () => {
    const a = county('爱辉区');
    const b = county('孙吴县');
    expect(overlapAreaM2(a, b)).toBeLessThan(0.001 * areaM2(b));
  });
});
