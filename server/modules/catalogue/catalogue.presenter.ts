import type { PublishedType } from '../../../common/domain/catalogue';
import { catalogueStatusLabels } from '../../../common/domain/catalogue-terms';
import { sectorLabel } from '../../../common/domain/organisations';
import type { CatalogueType, CatalogueVersion } from '../../../common/schemas/catalogue';
import type { VersionRow } from './catalogue.repo';
import type { TypeRecord } from './type-record';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Exactly the contract's fields (common/domain/catalogue.ts), for the matters loop. */
export function toPublished(v: { id: string; version: number; county_code: string }, t: TypeRecord): PublishedType {
  return {
    versionId: v.id,
    version: v.version,
    countyCode: v.county_code,
    code: t.code,
    name: t.name,
    path: [t.level1Name, t.level2Name, t.name],
    art14Kind: t.art14Kind,
    duties: t.duties,
    defaultSector: t.defaultSector,
    limits: {
      dispatch: { ...t.limits.dispatch },
      handling: { ...t.limits.handling },
      verification: { ...t.limits.verification },
      feedback: { ...t.limits.feedback },
    },
    needsVerification: t.needsVerification,
    needsFeedback: t.needsFeedback,
    priority: t.priority,
    directToPolice: t.directToPolice,
  };
}

/** The contract's fields of a presented type (a copy: callers can't change the cached catalogue). */
export function pickPublished(t: CatalogueType): PublishedType {
  return {
    versionId: t.versionId,
    version: t.version,
    countyCode: t.countyCode,
    code: t.code,
    name: t.name,
    path: [...t.path],
    art14Kind: t.art14Kind,
    duties: t.duties,
    defaultSector: t.defaultSector,
    limits: { dispatch: { ...t.limits.dispatch }, handling: { ...t.limits.handling }, verification: { ...t.limits.verification }, feedback: { ...t.limits.feedback } },
    needsVerification: t.needsVerification,
    needsFeedback: t.needsFeedback,
    priority: t.priority,
    directToPolice: t.directToPolice,
  };
}

export function presentType(v: { id: string; version: number; county_code: string }, t: TypeRecord): CatalogueType {
  return {
    ...toPublished(v, t),
    sectorLabel: sectorLabel(t.defaultSector) ?? t.defaultSector,
    dutiesDefault: t.dutiesDefault,
    limitsDefault: t.limitsDefault,
    handlingBasis: t.handlingBasis,
    source: t.source,
  };
}

export function presentVersion(
  v: VersionRow,
  ctx: { countyName: string; basedOnVersion: number | null; counts?: { types: number; limitsDefault: number }; names: Map<string, string> },
): CatalogueVersion {
  return {
    id: v.id,
    countyCode: v.county_code,
    countyName: ctx.countyName,
    version: v.version,
    status: v.status,
    statusLabel: catalogueStatusLabels[v.status],
    origin: v.origin,
    basedOnId: v.based_on_id,
    basedOnVersion: ctx.basedOnVersion,
    note: v.note,
    refusalReason: v.refusal_reason,
    approvalRef: v.approval_ref,
    createdAt: iso(v.created_at)!,
    createdBy: v.created_by ? (ctx.names.get(v.created_by) ?? null) : null,
    submittedAt: iso(v.submitted_at),
    approvedAt: iso(v.approved_at),
    approvedBy: v.approved_by ? (ctx.names.get(v.approved_by) ?? null) : null,
    publishedAt: iso(v.published_at),
    supersededAt: iso(v.superseded_at),
    typeCount: ctx.counts?.types ?? 0,
    limitsDefaultCount: ctx.counts?.limitsDefault ?? 0,
  };
}
