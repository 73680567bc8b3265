import type { GridCodingRule } from '../../../common/domain/grid-code';
import { labelPointOf } from '../../../common/geo/measure';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { DivisionTree } from './division-tree';
import type { GridAttrs, NewGrid, Plan, Shape } from './grid-change.plan';
import { gridsRepo } from './grids.repo';

function versionRow(gridId: string, version: number, attrs: GridAttrs, s: Shape, at: Date, changeId: string, clock: Clock) {
  return {
    id: newId(clock.now().getTime()),
    grid_id: gridId,
    version,
    name: attrs.name,
    sub_kind: attrs.subKind,
    owning_unit: attrs.owningUnit,
    households: attrs.households,
    population: attrs.population,
    party_org_type: attrs.partyOrg?.type ?? null,
    party_org_name: attrs.partyOrg?.name ?? null,
    boundary: JSON.stringify(s.geometry),
    min_lng: s.bbox[0],
    min_lat: s.bbox[1],
    max_lng: s.bbox[2],
    max_lat: s.bbox[3],
    area_m2: s.areaM2,
    valid_from: at,
    valid_to: null,
    change_id: changeId,
  };
}

/** Issues codes for new grids: per community (or per parent grid), never reusing any code ever issued. */
async function assignCodes(db: Database, rule: GridCodingRule, grids: NewGrid[]): Promise<Map<string, string>> {
  const groups = new Map<string, NewGrid[]>();
  for (const g of grids) {
    const k = g.parent ? `p:${g.parent.code}` : `d:${g.divisionCode}`;
    groups.set(k, [...(groups.get(k) ?? []), g]);
  }
  const codes = new Map<string, string>();
  for (const list of groups.values()) {
    const items = list.map((g) => ({ key: g.key, exclusive: g.kind === 'exclusive', point: labelPointOf(g.geometry), heightDeg: g.bbox[3] - g.bbox[1] }));
    const parent = list[0].parent;
    const assigned = parent
      ? rule.assignMicroCodes(parent.code, await gridsRepo.issuedCodes(db, parent.code, rule.microCodeLength), items)
      : rule.assignGridCodes(list[0].divisionCode, await gridsRepo.issuedCodes(db, list[0].divisionCode, rule.gridCodeLength), items);
    for (const [k, v] of assigned) codes.set(k, v);
  }
  return codes;
}

/**
 * Carries out a validated plan inside the caller's transaction: retired grids and replaced versions
 * are closed at `at`, new versions and grids start at `at`. Nothing is edited in place.
 */
export async function applyPlan(
  tx: Database,
  deps: { rule: GridCodingRule; clock: Clock; tree: DivisionTree },
  plan: Plan,
  changeId: string,
  at: Date,
): Promise<string[]> {
  for (const r of plan.retire) {
    await gridsRepo.closeVersion(tx, r.id, at);
    await gridsRepo.retire(tx, r.id, at);
  }
  for (const r of plan.redraw) {
    await gridsRepo.closeVersion(tx, r.gridId, at);
    await gridsRepo.insertVersion(tx, versionRow(r.gridId, r.version, r.attrs, r, at, changeId, deps.clock));
  }
  const codes = await assignCodes(tx, deps.rule, plan.create);
  const created: string[] = [];
  for (const g of plan.create) {
    const id = newId(deps.clock.now().getTime());
    const code = codes.get(g.key)!;
    const county = deps.tree.countyOf(g.divisionCode)!;
    await gridsRepo.insertGrid(tx, {
      id,
      code,
      level: g.parent ? 'micro' : 'grid',
      parent_id: g.parent?.id ?? null,
      division_code: g.divisionCode,
      township_code: deps.tree.townshipOf(g.divisionCode)?.code ?? null,
      county_code: county.code,
      kind: g.kind,
      status: 'active',
      created_at: at,
      retired_at: null,
    });
    await gridsRepo.insertVersion(tx, versionRow(id, 1, g.attrs, g, at, changeId, deps.clock));
    created.push(code);
  }
  return [...created, ...plan.redraw.map((r) => r.code), ...plan.retire.map((r) => r.code)];
}
