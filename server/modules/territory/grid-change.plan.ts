import { AppError } from '../../../common/app-error';
import { bboxOf, areaM2 } from '../../../common/geo/measure';
import type { AreaGeometry, BBox } from '../../../common/geo/types';
import { changeKindLabels, gridKindLabels } from '../../../common/i18n/zh-CN';
import type { ChangeInput, GridKind, GridSubKind, Issue } from '../../../common/schemas/grids';
import type { Database } from '../../db/client';
import type { Geometry } from '../../lib/geometry-pool';
import type { GridRow, GridVersionRow } from '../../db/tables';
import type { Actor } from '../access/actor';
import { inScope } from '../access/access.policy';
import type { DivisionTree } from './division-tree';
import { divisionsRepo } from './divisions.repo';
import {
  checkBoundary,
  checkInside,
  checkKind,
  checkNoOverlap,
  Findings,
  formatArea,
  OUTSIDE_TOLERANCE_M2,
  warnGaps,
  warnOutsideCommunity,
} from './grid-change.checks';
import { gridsRepo } from './grids.repo';

export interface GridAttrs {
  name: string;
  subKind: GridSubKind;
  owningUnit: string | null;
  households: number | null;
  population: number | null;
  partyOrg: { type: 'branch' | 'group' | 'joint_branch'; name: string } | null;
}
export interface Shape {
  geometry: AreaGeometry;
  bbox: BBox;
  areaM2: number;
}
export interface NewGrid extends Shape {
  key: string;
  divisionCode: string;
  parent: { id: string; code: string } | null;
  kind: GridKind;
  attrs: GridAttrs;
}
export interface Plan {
  kind: ChangeInput['kind'];
  countyCode: string;
  divisionCode: string;
  summary: string;
  create: NewGrid[];
  redraw: (Shape & { gridId: string; code: string; version: number; attrs: GridAttrs })[];
  retire: { id: string; code: string }[];
  /** The versions the change replaces, as they were: the audit entry's "before". */
  before: (GridAttrs & { code: string; version: number; areaM2: number })[];
}
export interface PlanResult {
  errors: Issue[];
  warnings: Issue[];
  plan: Plan | null;
}

interface Target {
  grid: GridRow;
  version: GridVersionRow;
}

export interface PlanDeps {
  db: Database;
  tree: DivisionTree;
  geo: Geometry;
}

function attrsOf(a: { name: string; subKind: GridSubKind; owningUnit?: string | null; households?: number | null; population?: number | null; partyOrg?: GridAttrs['partyOrg'] | null }): GridAttrs {
  return { name: a.name, subKind: a.subKind, owningUnit: a.owningUnit ?? null, households: a.households ?? null, population: a.population ?? null, partyOrg: a.partyOrg ?? null };
}

function attrsOfVersion(v: GridVersionRow): GridAttrs {
  return {
    name: v.name,
    subKind: v.sub_kind as GridSubKind,
    owningUnit: v.owning_unit,
    households: v.households,
    population: v.population,
    partyOrg: v.party_org_type ? { type: v.party_org_type, name: v.party_org_name ?? '' } : null,
  };
}

/**
 * Turns a proposed change into a plan against the current registry, or the reasons it cannot be.
 * Errors block the change; warnings (gaps, shapes beyond a community's recorded extent) do not.
 * Access is checked here too, so a dry run tells a street centre the same as a real submission.
 */
export async function planChange(deps: PlanDeps, actor: Actor, input: ChangeInput): Promise<PlanResult> {
  const { db, tree, geo } = deps;
  const f = new Findings();
  const before: Plan['before'] = [];

  async function target(code: string): Promise<Target> {
    const grid = await gridsRepo.byCode(db, code);
    if (!grid) throw new AppError('not_found', `没有编码为 ${code} 的网格`);
    if (grid.status !== 'active') throw new AppError('invalid', `网格 ${code} 已撤销，不能再调整`);
    if (!inScope(actor, grid.code)) throw new AppError('forbidden', `网格 ${code} 不在您的管辖范围内`);
    const version = await gridsRepo.current(db, grid.id);
    if (!version) throw new AppError('conflict', `网格 ${code} 没有现行版本`);
    before.push({ code: grid.code, version: version.version, areaM2: Math.round(version.area_m2), ...attrsOfVersion(version) });
    return { grid, version };
  }

  async function containerOf(divisionCode: string): Promise<{ geometry: AreaGeometry | null; name: string }> {
    const county = tree.countyOf(divisionCode);
    if (!county) return { geometry: null, name: '所属县' };
    let row = await divisionsRepo.boundary(db, county.code);
    // A management area without an outline of its own is held to its host county's.
    if (!row?.boundary && county.kind === 'management_area') {
      const host = await divisionsRepo.hostOf(db, county.code);
      if (host) row = await divisionsRepo.boundary(db, host);
    }
    return { geometry: (row?.boundary as AreaGeometry) ?? null, name: county.name };
  }

  async function community(divisionCode: string) {
    const d = tree.get(divisionCode)!;
    const row = await divisionsRepo.boundary(db, divisionCode);
    return { code: d.code, name: d.name, boundary: (row?.boundary as AreaGeometry) ?? null };
  }

  async function placeGrids(shapes: (Shape & { label: string })[], divisionCode: string, replaced: Set<string>, parent: Target | null) {
    if (parent) {
      for (const s of shapes) await checkInside(geo, s.geometry, parent.version.boundary as AreaGeometry, s.label, `所属网格「${parent.version.name}」`, f);
      await checkNoOverlap(db, geo, shapes, 'micro', replaced, f, parent.grid.id);
      return;
    }
    const container = await containerOf(divisionCode);
    if (container.geometry) for (const s of shapes) await checkInside(geo, s.geometry, container.geometry, s.label, container.name, f);
    // A street centre's changes stay inside its own street (township); a county's may cross them.
    if (actor.role === 'street_centre' && actor.scopeCode) {
      const street = await divisionsRepo.boundary(db, actor.scopeCode);
      const name = tree.get(actor.scopeCode)?.name ?? '本街道（乡镇）';
      if (street?.boundary) for (const s of shapes) await checkInside(geo, s.geometry, street.boundary as AreaGeometry, s.label, name, f);
      else f.warn('street_outline_missing', `${name}尚无登记边界，无法核对是否在本街道（乡镇）范围内，请县级中心生效前核对`);
    }
    const comm = await community(divisionCode);
    for (const s of shapes) await warnOutsideCommunity(geo, s.geometry, comm.boundary, s.label, comm.name, f);
    await checkNoOverlap(db, geo, shapes, 'grid', replaced, f);
    if (f.errors.length === 0) await warnGaps(db, geo, comm, replaced, shapes.map((s) => s.geometry), f);
  }

  const done = (plan: Omit<Plan, 'kind' | 'countyCode' | 'before'> & { countyCode?: string }): PlanResult =>
    f.errors.length > 0
      ? { errors: f.errors, warnings: f.warnings, plan: null }
      : {
          errors: [],
          warnings: f.warnings,
          plan: { kind: input.kind, countyCode: plan.countyCode ?? tree.countyOf(plan.divisionCode)!.code, before, ...plan },
        };

  switch (input.kind) {
    case 'create': {
      const division = tree.get(input.divisionCode);
      if (!division) throw new AppError('invalid', `没有区划代码为 ${input.divisionCode} 的社区（村）`);
      if (division.level !== 'village' && division.kind !== 'management_area') {
        throw new AppError('invalid', `${division.name}是${division.kindLabel}，网格只能划在社区（村）或特定管理区域内`);
      }
      if (!inScope(actor, division.code)) throw new AppError('forbidden', `${division.name}不在您的管辖范围内`);
      const parent = input.parentGridCode ? await target(input.parentGridCode) : null;
      if (parent && parent.grid.division_code !== division.code) throw new AppError('invalid', `网格 ${parent.grid.code} 不属于${division.name}`);
      if (parent && parent.grid.level !== 'grid') throw new AppError('invalid', '微网格下不能再划分微网格');
      const kind = parent ? parent.grid.kind : input.grid.kind;
      const label = parent ? '新微网格' : '新网格';
      if (parent && input.grid.kind !== parent.grid.kind) f.error('kind_mismatch', `微网格的类型须与所属网格一致（${gridKindLabels[parent.grid.kind]}）`);
      checkKind(kind, input.grid.subKind, input.grid.owningUnit, label, f);
      const shape = await checkBoundary(geo, input.grid.boundary, `${label}边界`, f);
      if (shape) await placeGrids([{ ...shape, label }], division.code, new Set(), parent);
      const g: NewGrid | null = shape
        ? { key: 'new', divisionCode: division.code, parent: parent ? { id: parent.grid.id, code: parent.grid.code } : null, kind, attrs: attrsOf(input.grid), ...shape }
        : null;
      return done({
        divisionCode: division.code,
        summary: `${division.name}${changeKindLabels.create}${parent ? '微网格' : '网格'}「${input.grid.name}」`,
        create: g ? [g] : [],
        redraw: [],
        retire: [],
      });
    }
    case 'split': {
      const t = await target(input.gridCode);
      const parent = t.grid.parent_id ? await loadParent(t.grid.parent_id) : null;
      const shapes: (Shape & { label: string })[] = [];
      for (const [i, p] of input.parts.entries()) {
        const label = `第 ${i + 1} 部分「${p.name}」`;
        if (p.kind !== t.grid.kind) f.error('kind_mismatch', `${label}：拆分不改变网格类型，须为原网格的类型`);
        checkKind(t.grid.kind, p.subKind, p.owningUnit, label, f);
        const s = await checkBoundary(geo, p.boundary, `${label}边界`, f);
        if (s) shapes.push({ ...s, label });
      }
      if (shapes.length === input.parts.length) {
        const replaced = new Set([t.grid.id]);
        await placeGrids(shapes, t.grid.division_code, replaced, parent);
        warnUncoveredSource(t, shapes, f);
      }
      return done({
        divisionCode: t.grid.division_code,
        summary: `将网格「${t.version.name}」（${t.grid.code}）拆分为 ${input.parts.length} 个网格`,
        create: shapes.map((s, i) => ({
          ...s,
          key: `part-${i}`,
          divisionCode: t.grid.division_code,
          parent: parent ? { id: parent.grid.id, code: parent.grid.code } : null,
          kind: t.grid.kind,
          attrs: attrsOf(input.parts[i]),
        })),
        redraw: [],
        retire: [{ id: t.grid.id, code: t.grid.code }, ...(await childrenRetiredWith(t))],
      });
    }
    case 'merge': {
      const codes = [...new Set(input.gridCodes)];
      if (codes.length < 2) throw new AppError('invalid', '合并至少需要 2 个不同的网格');
      const targets = [];
      for (const c of codes) targets.push(await target(c));
      const first = targets[0];
      for (const t of targets) {
        if (t.grid.division_code !== first.grid.division_code) throw new AppError('invalid', '只能合并同一社区（村）内的网格');
        if (t.grid.level !== first.grid.level || t.grid.parent_id !== first.grid.parent_id) throw new AppError('invalid', '只能合并同一层级、同一上级的网格');
      }
      if (targets.some((t) => t.grid.kind !== input.grid.kind)) f.error('kind_mismatch', '只能合并同一类型的网格，合并后类型不变');
      checkKind(input.grid.kind, input.grid.subKind, input.grid.owningUnit, '合并后的网格', f);
      let shape: Shape | null;
      if (input.grid.boundary === undefined) {
        const geometry = await geo.unionOf(targets.map((t) => t.version.boundary as AreaGeometry));
        shape = { geometry, bbox: bboxOf(geometry), areaM2: areaM2(geometry) };
      } else shape = await checkBoundary(geo, input.grid.boundary, '合并后的网格边界', f);
      if (shape && shape.geometry.type === 'MultiPolygon') f.warn('not_contiguous', '合并后的网格由互不相连的几块组成，请确认被合并的网格相邻');
      const parent = first.grid.parent_id ? await loadParent(first.grid.parent_id) : null;
      if (shape) await placeGrids([{ ...shape, label: '合并后的网格' }], first.grid.division_code, new Set(targets.map((t) => t.grid.id)), parent);
      const retire = targets.map((t) => ({ id: t.grid.id, code: t.grid.code }));
      for (const t of targets) retire.push(...(await childrenRetiredWith(t)));
      return done({
        divisionCode: first.grid.division_code,
        summary: `将 ${targets.length} 个网格（${codes.join('、')}）合并为「${input.grid.name}」`,
        create: shape
          ? [{ ...shape, key: 'merged', divisionCode: first.grid.division_code, parent: parent ? { id: parent.grid.id, code: parent.grid.code } : null, kind: input.grid.kind, attrs: attrsOf(input.grid) }]
          : [],
        redraw: [],
        retire,
      });
    }
    case 'redraw': {
      const t = await target(input.gridCode);
      const old = attrsOfVersion(t.version);
      const attrs: GridAttrs = {
        name: input.grid.name ?? old.name,
        subKind: input.grid.subKind ?? old.subKind,
        owningUnit: input.grid.owningUnit === undefined ? old.owningUnit : input.grid.owningUnit,
        households: input.grid.households === undefined ? old.households : input.grid.households,
        population: input.grid.population === undefined ? old.population : input.grid.population,
        partyOrg: input.grid.partyOrg === undefined ? old.partyOrg : input.grid.partyOrg,
      };
      checkKind(t.grid.kind, attrs.subKind, attrs.owningUnit, '网格', f);
      let shape: Shape | null = { geometry: t.version.boundary as AreaGeometry, bbox: [t.version.min_lng, t.version.min_lat, t.version.max_lng, t.version.max_lat], areaM2: t.version.area_m2 };
      if (input.grid.boundary !== undefined) {
        shape = await checkBoundary(geo, input.grid.boundary, '新边界', f);
        const parent = t.grid.parent_id ? await loadParent(t.grid.parent_id) : null;
        if (shape) await placeGrids([{ ...shape, label: '新边界' }], t.grid.division_code, new Set([t.grid.id]), parent);
        // Its micro-grids stay where they are: the new boundary must still hold them.
        if (shape && t.grid.level === 'grid') {
          for (const c of await childrenToRetire(t)) {
            const v = await gridsRepo.current(db, c.id);
            const out = v ? await geo.outsideAreaM2(v.boundary as AreaGeometry, shape.geometry) : 0;
            if (v && out > OUTSIDE_TOLERANCE_M2) f.error('micro_outside', `微网格「${v.name}」（${c.code}）有约 ${formatArea(out)} 在新边界之外，请先调整或撤销该微网格`, { gridCode: c.code });
          }
        }
      }
      return done({
        divisionCode: t.grid.division_code,
        summary: `调整网格「${t.version.name}」（${t.grid.code}）${input.grid.boundary !== undefined ? '的边界' : '的信息'}`,
        create: [],
        redraw: shape ? [{ ...shape, gridId: t.grid.id, code: t.grid.code, version: t.version.version + 1, attrs }] : [],
        retire: [],
      });
    }
    case 'retire': {
      const t = await target(input.gridCode);
      const children = await childrenToRetire(t);
      if (children.length) f.warn('children_retired', `该网格的 ${children.length} 个微网格将一并撤销`);
      if (t.grid.level === 'grid') await warnGaps(db, geo, await community(t.grid.division_code), new Set([t.grid.id]), [], f);
      return done({
        divisionCode: t.grid.division_code,
        summary: `撤销网格「${t.version.name}」（${t.grid.code}）`,
        create: [],
        redraw: [],
        retire: [{ id: t.grid.id, code: t.grid.code }, ...children],
      });
    }
  }

  async function loadParent(parentId: string): Promise<Target> {
    const grid = await gridsRepo.byId(db, parentId);
    if (!grid) throw new AppError('conflict', '上级网格不存在');
    const version = await gridsRepo.current(db, parentId);
    if (!version) throw new AppError('conflict', `上级网格 ${grid.code} 没有现行版本`);
    return { grid, version };
  }

  /** Micro-grids that go with their grid, announced as a warning (split, merge). */
  async function childrenRetiredWith(t: Target) {
    const children = await childrenToRetire(t);
    if (children.length) f.warn('children_retired', `网格「${t.version.name}」的 ${children.length} 个微网格将一并撤销，请在新网格中重新划分`);
    return children;
  }

  async function childrenToRetire(t: Target) {
    return (await gridsRepo.children(db, t.grid.id)).filter((c) => c.status === 'active').map((c) => ({ id: c.id, code: c.code }));
  }
}

function warnUncoveredSource(t: Target, shapes: Shape[], f: Findings) {
  const source = t.version.boundary as AreaGeometry;
  const covered = shapes.reduce((s, x) => s + x.areaM2, 0);
  const lost = t.version.area_m2 - covered;
  if (lost > 100) f.warn('split_gap', `拆分后的各部分比原网格少约 ${Math.round(lost)} 平方米，这部分将不属于任何网格`, { source: source.type });
}
