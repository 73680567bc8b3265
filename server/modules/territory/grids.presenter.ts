import type { Change, Filing, GridSummary, GridVersion } from '../../../common/schemas/grids';
import type { GridChangeRow, GridVersionRow } from '../../db/tables';
import type { DivisionTree } from './division-tree';
import type { GridListRow } from './grids.repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentChange(r: GridChangeRow & { proposer_name: string; applier_name: string | null }, tree: DivisionTree): Change {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    countyCode: r.county_code,
    countyName: tree.get(r.county_code)?.name ?? r.county_code,
    divisionCode: r.division_code,
    reason: r.reason,
    summary: r.summary,
    payload: r.payload,
    warnings: (r.warnings as Change['warnings']).map(({ geometry: _g, ...w }) => w),
    proposedBy: r.proposer_name,
    proposedAt: iso(r.proposed_at)!,
    appliedBy: r.applier_name,
    appliedAt: iso(r.applied_at),
    resultCodes: r.result_codes as string[],
  };
}

export function presentFiling(
  r: { id: string; change_id: string; county_code: string; filed_at: Date; acknowledged_at: Date | null; note: string | null; kind: Change['kind']; summary: string; reason: string; result_codes: unknown; filed_by_name: string; ack_by_name: string | null },
  tree: DivisionTree,
): Filing {
  return {
    id: r.id,
    changeId: r.change_id,
    changeKind: r.kind,
    countyCode: r.county_code,
    countyName: tree.get(r.county_code)?.name ?? r.county_code,
    summary: r.summary,
    reason: r.reason,
    resultCodes: r.result_codes as string[],
    filedAt: iso(r.filed_at)!,
    filedBy: r.filed_by_name,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.ack_by_name,
    note: r.note,
  };
}

export function presentGridSummary(r: GridListRow, tree: DivisionTree): GridSummary {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    subKind: r.sub_kind as GridSummary['subKind'],
    status: r.status,
    parentCode: r.parent_code,
    divisionCode: r.division_code,
    divisionName: tree.get(r.division_code)?.name ?? r.division_code,
    townshipCode: r.township_code,
    countyCode: r.county_code,
    version: r.version,
  };
}

/** A version of a grid; `withChange` adds the reason and author of the change that made it. */
export function presentVersion(v: GridVersionRow & { change_kind: Change['kind'] | null; reason: string | null; author: string | null }, withChange: boolean): GridVersion {
  return {
    version: v.version,
    name: v.name,
    subKind: v.sub_kind as GridVersion['subKind'],
    owningUnit: v.owning_unit,
    households: v.households,
    population: v.population,
    partyOrg: v.party_org_type ? { type: v.party_org_type, name: v.party_org_name ?? '' } : null,
    boundary: v.boundary,
    areaM2: v.area_m2,
    validFrom: iso(v.valid_from)!,
    validTo: iso(v.valid_to),
    changeId: withChange ? v.change_id : null,
    changeKind: v.change_kind,
    reason: withChange ? v.reason : null,
    author: withChange ? v.author : null,
  };
}
