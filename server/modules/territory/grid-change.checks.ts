import type { AreaGeometry, BBox } from '../../../common/geo/types';
import { gridKindLabels, gridSubKindLabels } from '../../../common/i18n/zh-CN';
import { subKindsOf, type GridKind, type GridSubKind, type Issue } from '../../../common/schemas/grids';
import type { Database } from '../../db/client';
import type { Geometry } from '../../lib/geometry-pool';
import { gridsRepo } from './grids.repo';

/** Slivers below this are floating-point noise between shared edges, not real overlaps. */
export const OVERLAP_TOLERANCE_M2 = 1;
/** A grid may poke out of its county by this much: the county outline is itself approximate. */
export const OUTSIDE_TOLERANCE_M2 = 1;
/** Gaps smaller than this are not worth a warning. */
export const GAP_REPORT_M2 = 100;

export class Findings {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  error(code: string, message: string, extra: Record<string, unknown> = {}) {
    this.errors.push({ code, message, ...extra });
  }
  warn(code: string, message: string, extra: Record<string, unknown> = {}) {
    this.warnings.push({ code, message, ...extra });
  }
}

export function formatArea(m2: number): string {
  return m2 >= 1e6 ? `${(m2 / 1e6).toFixed(2)} 平方公里` : `${Math.round(m2)} 平方米`;
}

/** Checks a supplied boundary; returns the normalised geometry or records why not. */
export async function checkBoundary(geo: Geometry, input: unknown, label: string, f: Findings): Promise<{ geometry: AreaGeometry; bbox: BBox; areaM2: number } | null> {
  const r = await geo.checkAreaGeometry(input);
  if (r.ok) return r;
  for (const i of r.issues) f.error(i.code, `${label}：${i.message}`, i.at ? { at: i.at } : {});
  return null;
}

export function checkKind(kind: GridKind, subKind: GridSubKind, owningUnit: string | null | undefined, label: string, f: Findings) {
  if (!subKindsOf[kind].includes(subKind)) {
    f.error('sub_kind_mismatch', `${label}：${gridKindLabels[kind]}不能以「${gridSubKindLabels[subKind]}」为单元划分（可选：${subKindsOf[kind].map((s) => gridSubKindLabels[s]).join('、')}）`);
  }
  if (kind === 'exclusive' && !owningUnit) f.error('owning_unit_missing', `${label}：专属网格必须填写所属单位`);
  if (kind !== 'exclusive' && owningUnit) f.error('owning_unit_not_allowed', `${label}：只有专属网格才有所属单位`);
}

/** The hard rule: a grid lies inside its county (or management area); a micro-grid inside its grid. */
export async function checkInside(geo: Geometry, g: AreaGeometry, container: AreaGeometry, label: string, containerName: string, f: Findings) {
  const out = await geo.outsideAreaM2(g, container);
  if (out > OUTSIDE_TOLERANCE_M2) f.error('outside_container', `${label}超出${containerName}范围约 ${formatArea(out)}`);
}

export async function warnOutsideCommunity(geo: Geometry, g: AreaGeometry, community: AreaGeometry | null, label: string, name: string, f: Findings) {
  if (!community) return;
  const out = await geo.outsideAreaM2(g, community);
  if (out > GAP_REPORT_M2) f.warn('outside_community', `${label}有约 ${formatArea(out)} 在${name}的登记范围之外`);
}

/** No new shape may overlap an active grid of the same level, except those the change replaces. */
export async function checkNoOverlap(
  db: Database,
  geo: Geometry,
  shapes: { label: string; geometry: AreaGeometry; bbox: BBox }[],
  level: 'grid' | 'micro',
  replacedIds: Set<string>,
  f: Findings,
  siblingsOf?: string,
) {
  for (const s of shapes) {
    const candidates = await gridsRepo.activeInBBox(db, s.bbox, level);
    for (const c of candidates) {
      if (replacedIds.has(c.id)) continue;
      if (siblingsOf !== undefined && c.parent_id !== siblingsOf) continue;
      const overlap = await geo.overlapAreaM2(s.geometry, c.boundary as AreaGeometry);
      if (overlap > OVERLAP_TOLERANCE_M2) {
        f.error('overlap', `${s.label}与${level === 'micro' ? '微网格' : '网格'}「${c.name}」（${c.code}）重叠约 ${formatArea(overlap)}`, { gridCode: c.code });
      }
    }
  }
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const overlap = await geo.overlapAreaM2(shapes[i].geometry, shapes[j].geometry);
      if (overlap > OVERLAP_TOLERANCE_M2) f.error('overlap', `${shapes[i].label}与${shapes[j].label}重叠约 ${formatArea(overlap)}`);
    }
  }
}

/** Reports the part of a community that no active grid covers once the change is in force. */
export async function warnGaps(
  db: Database,
  geo: Geometry,
  community: { code: string; name: string; boundary: AreaGeometry | null },
  removedIds: Set<string>,
  added: AreaGeometry[],
  f: Findings,
) {
  if (!community.boundary) return;
  const existing = (await gridsRepo.activeBoundariesIn(db, community.code)).filter((g) => !removedIds.has(g.id)).map((g) => g.boundary as AreaGeometry);
  const gap = await geo.uncoveredPart(community.boundary, [...existing, ...added]);
  if (gap.areaM2 > GAP_REPORT_M2) {
    f.warn('gap', `调整后${community.name}内约有 ${formatArea(gap.areaM2)} 不属于任何网格`, { areaM2: Math.round(gap.areaM2), geometry: gap.geometry });
  }
}
