import { area } from '@turf/area';
import { bboxClip } from '@turf/bbox-clip';
import { difference } from '@turf/difference';
import { feature, featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import { AppError } from '../app-error';
import { bboxOf } from './measure';
import { m2PerDeg2, ringSignedArea } from './planar';
import { dropRepeats } from './ring-normalize';
import type { AreaGeometry, BBox, Position } from './types';

/**
 * Boolean operations between areas (turf → polyclip-ts). polyclip's cost grows with every vertex it
 * is handed and it is slow per vertex (it computes with bignumber.js), so each operand is first cut
 * down to the only box where the answer can change: checking a 30-vertex grid against a
 * 10,000-vertex county outline then costs a few hundred vertices instead of ten thousand.
 */

type ResultFeature = ReturnType<typeof union>;

function meet(a: BBox, b: BBox): BBox | null {
  const box: BBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] <= box[2] && box[1] <= box[3] ? box : null;
}

function contains(outer: BBox, inner: BBox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/**
 * The part of g inside box, as rings clipped to the box. Clipping may leave zero-width slivers along
 * the box edge; polyclip accepts self-touching input, and the box edge is never where the answer
 * changes, so they do not affect results. Null when nothing is left.
 */
function clipTo(g: AreaGeometry, box: BBox): AreaGeometry | null {
  if (contains(box, bboxOf(g))) return g;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept: Position[][][] = [];
  for (const coordinates of polygons) {
    const clipped = bboxClip(feature({ type: 'Polygon', coordinates }), box).geometry.coordinates as Position[][];
    if (clipped.length > 0) kept.push(clipped);
  }
  if (kept.length === 0) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

/**
 * Converts polyclip's result and drops slivers under a square metre: where two boundaries were drawn
 * along each other they leave hair-thin leftovers that are noise, not gaps or overlaps anyone drew,
 * and that checkAreaGeometry would reject.
 */
function toArea(f: ResultFeature): AreaGeometry | null {
  if (!f) return null;
  const g = f.geometry;
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  const kept: Position[][][] = [];
  for (const polygon of polygons) {
    if (isSliver(polygon[0])) continue;
    kept.push([polygon[0], ...polygon.slice(1).filter((hole) => !isSliver(hole))]);
  }
  if (kept.length === 0) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

function isSliver(ring: Position[]): boolean {
  return Math.abs(ringSignedArea(ring)) * m2PerDeg2(ring[0][1]) < 1;
}

const EMPTY: AreaGeometry = { type: 'MultiPolygon', coordinates: [] };
// Outline data often repeats vertices; polyclip copes, but pays for every one of them (≈40% of a
// county outline we ship).
function withoutRepeats(g: AreaGeometry): AreaGeometry {
  const clean = (rings: Position[][]) => rings.filter((r) => r.length > 0).map(dropRepeats);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: clean(g.coordinates) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map(clean) };
}

const collect = (gs: AreaGeometry[]) => featureCollection(gs.map((g) => feature(withoutRepeats(g))));

/** Square metres covered by both; 0 when they are disjoint or only share boundary. */
export function overlapAreaM2(a: AreaGeometry, b: AreaGeometry): number {
  const box = meet(bboxOf(a), bboxOf(b));
  if (!box) return 0;
  const ca = clipTo(a, box);
  const cb = clipTo(b, box);
  if (!ca || !cb) return 0;
  const common = intersect(collect([ca, cb]));
  return common ? area(common) : 0;
}

/** Square metres of inner not covered by outer (e.g. how far a grid sticks out of its county). */
export function outsideAreaM2(inner: AreaGeometry, outer: AreaGeometry): number {
  const box = bboxOf(inner);
  const co = meet(box, bboxOf(outer)) ? clipTo(outer, box) : null;
  if (!co) return area(inner);
  const rest = difference(collect([inner, co]));
  return rest ? area(rest) : 0;
}

/** What is left of container after removing all parts: the gaps a community's grids leave uncovered. */
export function uncoveredPart(container: AreaGeometry, parts: AreaGeometry[]): { areaM2: number; geometry: AreaGeometry | null } {
  const box = bboxOf(container);
  const clipped: AreaGeometry[] = [];
  for (const part of parts) {
    const c = meet(box, bboxOf(part)) ? clipTo(part, box) : null;
    if (c) clipped.push(c);
  }
  if (clipped.length === 0) return { areaM2: area(container), geometry: container };
  const geometry = toArea(difference(collect([container, ...clipped])));
  return { areaM2: geometry ? area(geometry) : 0, geometry };
}

/**
 * One area covering all parts (merging grids). Also a repair tool: the result is always a valid
 * OGC geometry (simple rings, no spikes or pinches, RFC 7946 winding), so `unionOf([g])` cleans up
 * an outline that checkAreaGeometry rejects for self-contact.
 */
export function unionOf(parts: AreaGeometry[]): AreaGeometry {
  if (parts.length === 0) throw new AppError('bad_request', '没有选择要合并的区域');
  // turf insists on two operands; an empty MultiPolygon is the neutral one.
  const merged = toArea(union(collect(parts.length === 1 ? [parts[0], EMPTY] : parts)));
  if (!merged) throw new AppError('invalid', '合并后的区域面积为零');
  return merged;
}
