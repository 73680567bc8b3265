import type { ChangeInput } from '../../../common/schemas/grids';
import type { AttrValues } from './grid-attr-fields';
import type { AreaGeometry } from './geojson-file';

export type FormKind = ChangeInput['kind'];

export interface ChangeFormValues {
  kind: FormKind;
  reason?: string;
  divisionCode?: string;
  parentGridCode?: string;
  gridCode?: string;
  gridCodes?: string[];
  grid?: AttrValues;
  parts?: Record<string, AttrValues>;
}

export interface BuildContext {
  partKeys: string[];
  geoms: Record<string, AreaGeometry | null>;
  /** For redraw: the current boundary, so an untouched boundary is not sent. */
  originalBoundary?: unknown;
}

const trim = (s?: string) => (s && s.trim() ? s.trim() : null);

function attrs(v: AttrValues = {}) {
  return {
    name: (v.name ?? '').trim(),
    kind: v.kind as NonNullable<AttrValues['kind']>,
    subKind: v.subKind as never,
    owningUnit: trim(v.owningUnit),
    households: v.households ?? null,
    population: v.population ?? null,
    partyOrg: v.partyOrgType && trim(v.partyOrgName) ? { type: v.partyOrgType as never, name: trim(v.partyOrgName)! } : null,
  };
}

/** Form values + drawn boundaries → the ChangeInput the API takes. Throws an Error (Chinese) when something is missing. */
export function buildChangeInput(v: ChangeFormValues, ctx: BuildContext): ChangeInput {
  const reason = (v.reason ?? '').trim();
  const main = ctx.geoms.main ?? null;
  switch (v.kind) {
    case 'create':
      if (!v.divisionCode) throw new Error('请选择网格所在的社区（村）');
      if (!main) throw new Error('请绘制或上传网格边界');
      return { kind: 'create', reason, divisionCode: v.divisionCode, parentGridCode: trim(v.parentGridCode), grid: { ...attrs(v.grid), boundary: main } };
    case 'redraw': {
      if (!v.gridCode) throw new Error('请选择要调整的网格');
      const a = attrs(v.grid);
      const changed = main && JSON.stringify(main) !== JSON.stringify(ctx.originalBoundary);
      return {
        kind: 'redraw',
        reason,
        gridCode: v.gridCode,
        grid: {
          name: a.name || undefined,
          subKind: a.subKind || undefined,
          owningUnit: a.owningUnit,
          households: a.households,
          population: a.population,
          partyOrg: a.partyOrg,
          ...(changed ? { boundary: main } : {}),
        },
      };
    }
    case 'split': {
      if (!v.gridCode) throw new Error('请选择要拆分的网格');
      const missing = ctx.partKeys.findIndex((k) => !ctx.geoms[k]);
      if (missing >= 0) throw new Error(`请绘制或上传第 ${missing + 1} 部分的边界`);
      return { kind: 'split', reason, gridCode: v.gridCode, parts: ctx.partKeys.map((k) => ({ ...attrs(v.parts?.[k]), boundary: ctx.geoms[k]! })) };
    }
    case 'merge':
      if (!v.gridCodes || v.gridCodes.length < 2) throw new Error('请选择至少 2 个要合并的网格');
      return { kind: 'merge', reason, gridCodes: v.gridCodes, grid: { ...attrs(v.grid), ...(main ? { boundary: main } : {}) } };
    case 'retire':
      if (!v.gridCode) throw new Error('请选择要撤销的网格');
      return { kind: 'retire', reason, gridCode: v.gridCode };
  }
}
