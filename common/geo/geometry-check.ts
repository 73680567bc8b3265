import { areaM2, bboxOf } from './measure';
import {
  countVertices,
  formatAt,
  IssueList,
  parseRings,
  ringLabel,
  unwrapGeometry,
  type GeometryIssue,
  type ParsedArea,
} from './geometry-parse';
import { m2PerDeg2, ringSideOf, ringSignedArea } from './planar';
import { findCrossings } from './ring-crossings';
import { dropRepeats, dropSpikes, isCollinear, orientRing } from './ring-normalize';
import type { AreaGeometry, BBox, Position } from './types';

export type { GeometryIssue } from './geometry-parse';
export { outsideAreaM2, overlapAreaM2, uncoveredPart, unionOf } from './overlay';

export interface CheckAreaOptions {
  /** Total positions over all rings, checked before any expensive work. */
  maxVertices?: number;
  /** The largest county of Heihe is about 15,500 km²; anything bigger is a mistake (or a province). */
  maxAreaKm2?: number;
}

// Enough for an honest count on real mistakes; a scribble with quadratically many crossings stops here.
const MAX_CROSSINGS = 1000;

export type CheckAreaResult =
  | { ok: true; geometry: AreaGeometry; areaM2: number; bbox: BBox }
  | { ok: false; issues: GeometryIssue[] };

/**
 * Validates and normalises a user-supplied boundary. Stages run in order and stop at the first
 * stage that finds problems, because later checks are meaningless on broken input (a ring with a
 * NaN has no self-intersections to speak of).
 */
export function checkAreaGeometry(input: unknown, opts: CheckAreaOptions = {}): CheckAreaResult {
  const maxVertices = opts.maxVertices ?? 20_000;
  const maxAreaKm2 = opts.maxAreaKm2 ?? 20_000;
  const issues = new IssueList();
  const fail = (): CheckAreaResult => ({ ok: false, issues: issues.finish() });

  const raw = unwrapGeometry(input, issues);
  if (!raw) return fail();
  const vertexCount = countVertices(raw);
  if (vertexCount > maxVertices) {
    issues.add('too_many_vertices', `边界共有 ${vertexCount} 个点，超过上限 ${maxVertices} 个，请先简化边界`);
    return fail();
  }
  const parsed = parseRings(raw, issues);
  if (!parsed) return fail();

  const cleaned = cleanRings(parsed, issues);
  if (!issues.empty) return fail();

  checkTopology(cleaned, issues);
  if (!issues.empty) return fail();

  const polygons = cleaned.polygons.map((polygon) => polygon.map((ring, r) => orientRing(ring, r === 0)));
  const geometry: AreaGeometry =
    cleaned.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  const area = areaM2(geometry);
  if (area < 1) {
    issues.add('zero_area', '边界围成的面积为零');
    return fail();
  }
  if (area > maxAreaKm2 * 1e6) {
    const km2 = (area / 1e6).toFixed(0);
    issues.add('too_large', `边界面积约 ${km2} 平方公里，超过上限 ${maxAreaKm2} 平方公里，请检查是否画错或坐标有误`);
    return fail();
  }
  return { ok: true, geometry, areaM2: area, bbox: bboxOf(geometry) };
}

/** Copies the rings without repeated vertices and spikes; flags rings that enclose nothing. */
function cleanRings(parsed: ParsedArea, issues: IssueList): ParsedArea {
  const polygons = parsed.polygons.map((polygon, part) =>
    polygon.map((ring, r) => {
      const label = ringLabel(parsed.type, part, r);
      const distinct = dropRepeats(ring);
      if (distinct.length < 4) {
        issues.add('too_few_points', `${label}去掉重复点后不足 3 个不同的点`, ring[0]);
        return distinct;
      }
      const clean = dropSpikes(distinct);
      if (clean.length < 4 || isCollinear(clean)) {
        issues.add('zero_area', `${label}的面积为零（所有点几乎在一条直线上）`, ring[0]);
      }
      return clean;
    }),
  );
  return { type: parsed.type, polygons };
}

function checkTopology(area: ParsedArea, issues: IssueList): void {
  const crossings = findCrossings(area.polygons, MAX_CROSSINGS);
  if (crossings.length === MAX_CROSSINGS) issues.markOpenEnded('self_intersection');
  for (const c of crossings) {
    const a = ringLabel(area.type, c.a.part, c.a.ring);
    const where = c.kind === 'cross' ? `（交点约在 ${formatAt(c.at)}）` : `（约在 ${formatAt(c.at)}）`;
    let what: string;
    if (c.a.part === c.b.part && c.a.ring === c.b.ring) what = c.kind === 'cross' ? `${a}自相交` : `${a}有一段与自身重叠`;
    else {
      const b = ringLabel(area.type, c.b.part, c.b.ring).replace(/^边界/, '');
      what = c.kind === 'cross' ? `${a}与${b}相交` : `${a}与${b}有一段边界重叠`;
    }
    issues.add('self_intersection', what + where, c.at);
  }
  // Where boundaries do not cross, one containment test per ring settles its position.
  if (crossings.length > 0) return;
  area.polygons.forEach((polygon, part) => {
    const boxes = polygon.map((ring) => bboxOf({ type: 'Polygon', coordinates: [ring] }));
    for (let r = 1; r < polygon.length; r++) {
      const label = ringLabel(area.type, part, r);
      if (ringSideOf(polygon[r], polygon[0]) !== 1) {
        issues.add('hole_outside', `${label}是内洞，但不在外边界之内`, polygon[r][0]);
        continue;
      }
      // A hole inside another hole would be land again, which only a separate part can express.
      for (let h = 1; h < polygon.length; h++) {
        if (h !== r && boxesMeet(boxes[r], boxes[h]) && ringSideOf(polygon[r], polygon[h]) === 1) {
          issues.add('hole_outside', `${label}是内洞，却位于第 ${h + 1} 个环（另一个内洞）之内`, polygon[r][0]);
          break;
        }
      }
    }
  });
  checkPartsDisjoint(area, issues);
  // Only now is the signed area meaningful: a bow-tie's lobes would cancel out.
  area.polygons.forEach((polygon, part) =>
    polygon.forEach((ring, r) => {
      if (Math.abs(ringSignedArea(ring)) * m2PerDeg2(ring[0][1]) < 1) {
        issues.add('zero_area', `${ringLabel(area.type, part, r)}围成的面积不足 1 平方米`, ring[0]);
      }
    }),
  );
}

function checkPartsDisjoint(area: ParsedArea, issues: IssueList): void {
  const boxes = area.polygons.map((p) => bboxOf({ type: 'Polygon', coordinates: p }));
  for (let i = 0; i < area.polygons.length; i++) {
    for (let j = i + 1; j < area.polygons.length; j++) {
      if (!boxesMeet(boxes[i], boxes[j])) continue;
      const inside = insidePolygon(area.polygons[j][0], area.polygons[i]) || insidePolygon(area.polygons[i][0], area.polygons[j]);
      if (inside) issues.add('parts_overlap', `第 ${i + 1} 块与第 ${j + 1} 块互相重叠`, area.polygons[j][0][0]);
    }
  }
}

/** A shell that does not cross another polygon lies in it unless it is outside its shell or within one of its holes. */
function insidePolygon(shell: Position[], polygon: Position[][]): boolean {
  if (ringSideOf(shell, polygon[0]) !== 1) return false;
  return polygon.slice(1).every((hole) => ringSideOf(shell, hole) !== 1);
}

function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
