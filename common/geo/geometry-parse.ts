import type { Position } from './types';

/**
 * First stage of boundary validation: get from untrusted JSON (a form field or an uploaded file) to
 * plain numeric rings, or explain in Chinese why that is impossible.
 */

export interface GeometryIssue {
  code: string;
  message: string;
  at?: Position;
}

export interface ParsedArea {
  type: 'Polygon' | 'MultiPolygon';
  /** Always a list of polygons, so later stages need not care which type came in. */
  polygons: Position[][][];
}

/** Keeps one bad file from producing thousands of identical messages. */
export const MAX_ISSUES_PER_CODE = 10;

export class IssueList {
  readonly items: GeometryIssue[] = [];
  private readonly counts = new Map<string, number>();
  private readonly openEnded = new Set<string>();

  add(code: string, message: string, at?: Position): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= MAX_ISSUES_PER_CODE) this.items.push(at ? { code, message, at } : { code, message });
  }

  /** The search for this kind of problem stopped early, so the count is a lower bound. */
  markOpenEnded(code: string): void {
    this.openEnded.add(code);
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** Tell the user the list is not complete instead of silently dropping problems. */
  finish(): GeometryIssue[] {
    for (const [code, n] of this.counts) {
      if (n <= MAX_ISSUES_PER_CODE) continue;
      const last = this.items.findLast((i) => i.code === code);
      const total = this.openEnded.has(code) ? `至少 ${n}` : `共 ${n}`;
      if (last) last.message += `（同类问题${total} 处，仅列出前 ${MAX_ISSUES_PER_CODE} 处）`;
    }
    return this.items;
  }
}

export function ringLabel(type: ParsedArea['type'], part: number, ring: number): string {
  return type === 'Polygon' ? `边界第 ${ring + 1} 个环` : `第 ${part + 1} 块边界的第 ${ring + 1} 个环`;
}

export function formatAt([lng, lat]: Position): string {
  return `${lng.toFixed(4)}, ${lat.toFixed(4)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAreaType = (t: unknown): t is ParsedArea['type'] => t === 'Polygon' || t === 'MultiPolygon';

/** Accepts a bare geometry, a Feature, or a FeatureCollection holding exactly one polygonal feature. */
export function unwrapGeometry(input: unknown, issues: IssueList): Record<string, unknown> | null {
  if (!isObject(input)) {
    issues.add('not_geometry', '边界不是有效的 GeoJSON 对象');
    return null;
  }
  let g: unknown = input;
  if (input.type === 'FeatureCollection') {
    const features = Array.isArray(input.features) ? input.features : [];
    // Points or lines next to the boundary (labels, tracks) are common in exported files and harmless.
    const areas = features.filter((f) => isObject(f) && isObject(f.geometry) && isAreaType(f.geometry.type));
    if (areas.length !== 1) {
      issues.add(
        'not_geometry',
        areas.length === 0
          ? '文件中没有面要素（Polygon 或 MultiPolygon）'
          : `文件中有 ${areas.length} 个面要素，一次只能导入一个边界，请先合并或拆分为多个文件`,
      );
      return null;
    }
    g = (areas[0] as Record<string, unknown>).geometry;
  } else if (input.type === 'Feature') {
    g = input.geometry;
  }
  if (!isObject(g)) {
    issues.add('not_geometry', '要素没有几何图形');
    return null;
  }
  if (!isAreaType(g.type)) {
    const got = typeof g.type === 'string' ? g.type.slice(0, 40) : '未知类型';
    issues.add('not_geometry', `边界必须是面（Polygon 或 MultiPolygon），收到的是 ${got}`);
    return null;
  }
  return g;
}

/** Sum of ring lengths, checked before anything else touches the vertices. */
export function countVertices(g: Record<string, unknown>): number {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [];
  let n = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) if (Array.isArray(ring)) n += ring.length;
  }
  return n;
}

/** Structure, numbers, ranges, ring length and closure. Returns null if any of them is wrong. */
export function parseRings(g: Record<string, unknown>, issues: IssueList): ParsedArea | null {
  const type = g.type as ParsedArea['type'];
  const raw = type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((p) => Array.isArray(p) && p.length > 0)) {
    issues.add('not_geometry', '边界的 coordinates 结构不正确：应为由环组成的数组');
    return null;
  }
  const polygons: Position[][][] = [];
  raw.forEach((rawPolygon: unknown[], part) => {
    const polygon: Position[][] = [];
    rawPolygon.forEach((rawRing, r) => {
      const label = ringLabel(type, part, r);
      if (!Array.isArray(rawRing)) {
        issues.add('not_geometry', `${label}不是坐标数组`);
        return;
      }
      const ring = parseRing(rawRing, label, issues);
      if (ring) polygon.push(ring);
    });
    polygons.push(polygon);
  });
  return issues.empty ? { type, polygons } : null;
}

function parseRing(rawRing: unknown[], label: string, issues: IssueList): Position[] | null {
  const ring: Position[] = [];
  let ok = true;
  rawRing.forEach((p, k) => {
    // A third number (altitude) is common in files exported from GPS and KML tools; it is dropped.
    const pair =
      Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!pair) {
      issues.add('bad_coordinate', `${label}的第 ${k + 1} 个点不是有效的经纬度数字对`);
      ok = false;
      return;
    }
    const [lng, lat] = p as number[];
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      issues.add('out_of_range', `${label}的第 ${k + 1} 个点（${lng}, ${lat}）超出经纬度范围${rangeHint(lng, lat)}`);
      ok = false;
      return;
    }
    ring.push([lng, lat]);
  });
  if (!ok) return null;
  if (ring.length < 4) {
    issues.add('too_few_points', `${label}只有 ${ring.length} 个点，至少需要 4 个（首尾两点相同）`);
    return null;
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.add('ring_not_closed', `${label}没有闭合：第一个点和最后一个点必须相同`, last);
    return null;
  }
  return ring;
}

function rangeHint(lng: number, lat: number): string {
  if (Math.abs(lng) > 1000 || Math.abs(lat) > 1000) return '，看起来是投影坐标（米），请导出为经纬度（WGS-84）';
  if (Math.abs(lat) > 90 && Math.abs(lng) <= 90) return '，经度和纬度可能写反了（应为 [经度, 纬度]）';
  return '';
}
