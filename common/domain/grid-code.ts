import { AppError } from '../app-error';
import type { Position } from '../geo/types';

/**
 * Grid coding rules (Art. 8: 网格按照省编码规则统一编码，网格编码具有唯一性).
 *
 * The province has not published its rule, so the rule is pluggable and chosen by configuration:
 * - "15" (default): 12-digit community/village code (or management-area code) + 3-digit sequence,
 *   the way DB11/T 2157-2023 numbers unit grids; micro-grids append 3 more digits (18).
 * - "14": 12 + 2 digits; micro-grids append 2 (16).
 * Exclusive grids (专属网格) take a reserved top range so their kind can be read from the code alone.
 */
export type GridCodeScheme = '15' | '14';

export interface CodeItem {
  key: string;
  exclusive: boolean;
  /** A label point inside the shape. */
  point: Position;
  /** North–south extent of the shape's bbox, in degrees. */
  heightDeg?: number;
}

export interface ParsedGridCode {
  divisionCode: string;
  seq: number;
  exclusive: boolean;
  microSeq?: number;
  /** The grid-level code (the code itself for grids, the parent's for micro-grids). */
  gridCode: string;
}

export interface GridCodingRule {
  readonly scheme: GridCodeScheme;
  readonly gridCodeLength: number;
  readonly microCodeLength: number;
  parse(code: string): ParsedGridCode | null;
  isExclusive(code: string): boolean;
  isMicro(code: string): boolean;
  assignGridCodes(divisionCode: string, issued: readonly string[], items: readonly CodeItem[]): Map<string, string>;
  assignMicroCodes(gridCode: string, issued: readonly string[], items: readonly CodeItem[]): Map<string, string>;
}

interface SeqRange {
  min: number;
  max: number;
}

interface SchemeSpec {
  seqDigits: number;
  microDigits: number;
  ordinary: SeqRange;
  exclusive: SeqRange;
  micro: SeqRange;
}

const SPECS: Record<GridCodeScheme, SchemeSpec> = {
  // 900 is deliberately left unused so that "9xx" reads as exclusive at a glance only from 901.
  '15': { seqDigits: 3, microDigits: 3, ordinary: { min: 1, max: 899 }, exclusive: { min: 901, max: 999 }, micro: { min: 1, max: 999 } },
  '14': { seqDigits: 2, microDigits: 2, ordinary: { min: 1, max: 89 }, exclusive: { min: 90, max: 99 }, micro: { min: 1, max: 99 } },
};

const DIVISION_CODE = /^[1-9]\d{11}$/;

export const gridCodeSchemes: readonly GridCodeScheme[] = ['15', '14'];

export function isGridCodeScheme(value: unknown): value is GridCodeScheme {
  return value === '15' || value === '14';
}

export function gridCodingRule(scheme: GridCodeScheme): GridCodingRule {
  const spec = SPECS[scheme];
  if (!spec) throw new AppError('bad_request', `未知的网格编码规则：${String(scheme)}（可选 15 或 14）`);
  return new CodingRule(scheme, spec);
}

class CodingRule implements GridCodingRule {
  readonly gridCodeLength: number;
  readonly microCodeLength: number;

  constructor(
    readonly scheme: GridCodeScheme,
    private readonly spec: SchemeSpec,
  ) {
    this.gridCodeLength = 12 + spec.seqDigits;
    this.microCodeLength = this.gridCodeLength + spec.microDigits;
  }

  parse(code: string): ParsedGridCode | null {
    if (typeof code !== 'string' || !/^\d+$/.test(code)) return null;
    if (code.length !== this.gridCodeLength && code.length !== this.microCodeLength) return null;
    const divisionCode = code.slice(0, 12);
    if (!DIVISION_CODE.test(divisionCode)) return null;
    const seq = Number(code.slice(12, this.gridCodeLength));
    const exclusive = inRange(seq, this.spec.exclusive);
    if (!exclusive && !inRange(seq, this.spec.ordinary)) return null;
    const gridCode = code.slice(0, this.gridCodeLength);
    if (code.length === this.gridCodeLength) return { divisionCode, seq, exclusive, gridCode };
    const microSeq = Number(code.slice(this.gridCodeLength));
    if (!inRange(microSeq, this.spec.micro)) return null;
    return { divisionCode, seq, exclusive, microSeq, gridCode };
  }

  isExclusive(code: string): boolean {
    return this.parse(code)?.exclusive ?? false;
  }

  isMicro(code: string): boolean {
    return this.parse(code)?.microSeq !== undefined;
  }

  assignGridCodes(divisionCode: string, issued: readonly string[], items: readonly CodeItem[]): Map<string, string> {
    if (typeof divisionCode !== 'string' || !DIVISION_CODE.test(divisionCode)) {
      throw new AppError('bad_request', `区划代码“${String(divisionCode)}”不是 12 位数字代码，无法编制网格编码`);
    }
    checkItems(items);
    // Retired grids keep their codes, so every code ever issued for this division counts, micro codes included
    // (a micro code proves its parent grid code was issued).
    let lastOrdinary = this.spec.ordinary.min - 1;
    let lastExclusive = this.spec.exclusive.min - 1;
    for (const code of issued) {
      const parsed = this.parseIssued(code);
      if (parsed.divisionCode !== divisionCode) continue;
      if (parsed.exclusive) lastExclusive = Math.max(lastExclusive, parsed.seq);
      else lastOrdinary = Math.max(lastOrdinary, parsed.seq);
    }
    const ordered = orderReading(items);
    const ordinary = ordered.filter((item) => !item.exclusive);
    const exclusive = ordered.filter((item) => item.exclusive);
    this.checkCapacity(lastOrdinary, ordinary.length, this.spec.ordinary, `区划 ${divisionCode} 的普通网格编码`);
    this.checkCapacity(lastExclusive, exclusive.length, this.spec.exclusive, `区划 ${divisionCode} 的专属网格编码`);
    const codes = new Map<string, string>();
    ordinary.forEach((item, i) => codes.set(item.key, divisionCode + pad(lastOrdinary + 1 + i, this.spec.seqDigits)));
    exclusive.forEach((item, i) => codes.set(item.key, divisionCode + pad(lastExclusive + 1 + i, this.spec.seqDigits)));
    return codes;
  }

  assignMicroCodes(gridCode: string, issued: readonly string[], items: readonly CodeItem[]): Map<string, string> {
    const parent = this.parse(gridCode);
    if (!parent || parent.microSeq !== undefined) {
      throw new AppError('bad_request', `“${String(gridCode)}”不是 ${this.scheme} 位编码规则下的网格编码，无法编制微网格编码`);
    }
    checkItems(items);
    // Micro-grids are never exclusive themselves; the `exclusive` flag of the items is not used here.
    let last = this.spec.micro.min - 1;
    for (const code of issued) {
      const parsed = this.parseIssued(code);
      if (parsed.microSeq !== undefined && parsed.gridCode === gridCode) last = Math.max(last, parsed.microSeq);
    }
    const ordered = orderReading(items);
    this.checkCapacity(last, ordered.length, this.spec.micro, `网格 ${gridCode} 的微网格编码`);
    const codes = new Map<string, string>();
    ordered.forEach((item, i) => codes.set(item.key, gridCode + pad(last + 1 + i, this.spec.microDigits)));
    return codes;
  }

  private parseIssued(code: string): ParsedGridCode {
    const parsed = this.parse(code);
    if (!parsed) throw new AppError('bad_request', `已发放编码“${String(code)}”不符合 ${this.scheme} 位网格编码规则`);
    return parsed;
  }

  private checkCapacity(last: number, needed: number, range: SeqRange, what: string): void {
    if (needed === 0 || last + needed <= range.max) return;
    const left = Math.max(0, range.max - last);
    throw new AppError(
      'conflict',
      `${what}已用尽：顺序号范围 ${pad(range.min, String(range.max).length)}–${range.max}，已发放至 ${last}，` +
        `本次需要 ${needed} 个，仅剩 ${left} 个；已撤销网格的编码不得重复使用，请调整区划或编码规则`,
    );
  }
}

function inRange(n: number, range: SeqRange): boolean {
  return Number.isInteger(n) && n >= range.min && n <= range.max;
}

function pad(n: number, digits: number): string {
  return String(n).padStart(digits, '0');
}

function checkItems(items: readonly CodeItem[]): void {
  const keys = new Set<string>();
  for (const item of items) {
    if (!item || typeof item.key !== 'string' || item.key === '') throw new AppError('bad_request', '待编码网格缺少标识');
    if (keys.has(item.key)) throw new AppError('bad_request', `待编码网格标识重复：${item.key}`);
    keys.add(item.key);
    const p = item.point;
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new AppError('bad_request', `待编码网格 ${item.key} 缺少有效的标注点坐标`);
    }
    if (item.heightDeg !== undefined && !(Number.isFinite(item.heightDeg) && item.heightDeg >= 0)) {
      throw new AppError('bad_request', `待编码网格 ${item.key} 的南北跨度无效`);
    }
  }
}

/**
 * Reading order: rows from north to south, west to east within a row.
 *
 * Row banding: tolerance = half the median north–south extent of the items (heightDeg); without heights,
 * the side of a square cell holding one item in the points' bbox stands in for it. Points are taken from
 * north to south; a row starts at the northernmost point left and takes every point whose latitude is
 * within the tolerance below it. Anchoring on the row's first point (instead of chaining neighbours) keeps
 * a dense, irregular layout from collapsing into one long row. Ties fall back to input order.
 */
export function orderReading<T extends { point: Position; heightDeg?: number }>(items: readonly T[]): T[] {
  if (items.length <= 1) return items.slice();
  const tol = rowTolerance(items);
  const idx = items.map((_, i) => i);
  idx.sort((a, b) => items[b].point[1] - items[a].point[1] || items[a].point[0] - items[b].point[0] || a - b);
  const out: T[] = [];
  let i = 0;
  while (i < idx.length) {
    const top = items[idx[i]].point[1];
    let j = i;
    while (j < idx.length && top - items[idx[j]].point[1] < tol) j++;
    const row = idx.slice(i, j).sort((a, b) => items[a].point[0] - items[b].point[0] || a - b);
    for (const k of row) out.push(items[k]);
    i = j;
  }
  return out;
}

function rowTolerance(items: readonly { point: Position; heightDeg?: number }[]): number {
  const heights = items
    .map((it) => it.heightDeg)
    .filter((h): h is number => h !== undefined && Number.isFinite(h) && h > 0)
    .sort((a, b) => a - b);
  if (heights.length > 0) return median(heights) / 2;
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const { point } of items) {
    minLng = Math.min(minLng, point[0]);
    maxLng = Math.max(maxLng, point[0]);
    minLat = Math.min(minLat, point[1]);
    maxLat = Math.max(maxLat, point[1]);
  }
  const kLng = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const cell = Math.sqrt(((maxLng - minLng) * kLng * (maxLat - minLat)) / items.length);
  // All points on one parallel or one meridian: a degenerate bbox; fall back to a tiny tolerance.
  return cell > 0 ? cell / 2 : 1e-9;
}

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}
