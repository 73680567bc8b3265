import { headBackgroundLabels, parttimeBackgroundLabels, roleRules, staffRoleLabels, type StaffingSettings, type StaffRole } from '../../../common/domain/staff';
import type { AssignmentSpec } from '../../../common/schemas/staff';
import type { GridRow, OrganisationRow, StaffRow } from '../../db/tables';
import type { Actor } from '../access/actor';
import { mayManageOn } from './staff.policy';

export interface ResolvedAssignment {
  spec: AssignmentSpec;
  grid: GridRow;
  sourceOrg: OrganisationRow | null;
}

/** Where grids and organisations are looked up: the database, or what an import preloaded. */
export interface AssignmentLookups {
  gridByCode(code: string): Promise<GridRow | undefined>;
  orgByCode(code: string): Promise<OrganisationRow | undefined>;
}

const roleName = (r: StaffRole) => staffRoleLabels[r];
export const unknownGridMessage = (code: string) => `没有编码为 ${code} 的网格`;

/**
 * Checks assignments against the rules of Art. 11, 20 and 22 and the actor's scope; returns them
 * resolved, or the list of problems (each in Chinese, naming the grid).
 */
export async function resolveAssignments(
  lookups: AssignmentLookups,
  actor: Actor,
  person: Pick<StaffRow, 'contract_start' | 'contract_end'>,
  specs: AssignmentSpec[],
  effectiveOn: string,
): Promise<{ resolved: ResolvedAssignment[]; problems: string[] }> {
  const problems: string[] = [];
  const resolved: ResolvedAssignment[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const label = `网格 ${spec.gridCode}（${roleName(spec.role)}）`;
    const key = `${spec.gridCode}:${spec.role}`;
    if (seen.has(key)) {
      problems.push(`${label}重复`);
      continue;
    }
    seen.add(key);
    const grid = await lookups.gridByCode(spec.gridCode);
    if (!grid) {
      problems.push(unknownGridMessage(spec.gridCode));
      continue;
    }
    if (grid.status !== 'active') problems.push(`${label}：该网格已撤销`);
    const rule = roleRules[spec.role];
    if (rule.level !== grid.level) problems.push(`${label}：${roleName(spec.role)}${rule.level === 'micro' ? '只能任职于微网格' : '只能任职于网格，不能任职于微网格'}`);
    if (rule.exclusiveOnly && grid.kind !== 'exclusive') problems.push(`${label}：专属网格员只能任职于专属网格`);
    const bg = spec.background ?? null;
    if (rule.background === 'head' && (!bg || !(bg in headBackgroundLabels))) problems.push(`${label}：网格长须由社区（村）党组织或居（村）民委员会成员担任，请选择身份背景`);
    if (rule.background === 'parttime' && (!bg || !(bg in parttimeBackgroundLabels)))
      problems.push(`${label}：兼职网格员须注明身份背景（${Object.values(parttimeBackgroundLabels).join('、')}）`);
    if (!rule.background && bg) problems.push(`${label}：${roleName(spec.role)}无需填写身份背景`);
    let sourceOrg: OrganisationRow | null = null;
    if (spec.sourceOrgCode) {
      sourceOrg = (await lookups.orgByCode(spec.sourceOrgCode)) ?? null;
      if (!sourceOrg) problems.push(`${label}：没有编码为 ${spec.sourceOrgCode} 的单位`);
    }
    if (rule.needsSourceOrg) {
      if (!spec.sourceOrgCode) problems.push(`${label}：专业网格员须注明派出的网格联动部门或网格服务单位`);
      else if (sourceOrg && sourceOrg.kind !== 'department' && sourceOrg.kind !== 'service_unit') problems.push(`${label}：${sourceOrg.name}不是网格联动部门或网格服务单位`);
      else if (sourceOrg && sourceOrg.division_code.slice(0, 6) !== grid.county_code.slice(0, 6) && !sourceOrg.division_code.endsWith('00000000'))
        problems.push(`${label}：${sourceOrg.name}不属于该网格所在的县（市、区）`);
    } else if (spec.sourceOrgCode && spec.role !== 'exclusive') problems.push(`${label}：只有专业网格员注明派出单位`);
    if (rule.contracted) {
      if (!person.contract_start || !person.contract_end) problems.push(`${label}：专职网格员实行聘用制，请先登记聘用合同起止日期`);
      else if (person.contract_end < effectiveOn) problems.push(`${label}：聘用合同已于 ${person.contract_end} 到期`);
    }
    if (!mayManageOn(actor, grid.code, spec.role, sourceOrg?.id ?? null)) problems.push(`${label}不在您的管辖范围内`);
    resolved.push({ spec, grid, sourceOrg });
  }
  return { resolved, problems };
}

const limitKeys = { maxGridsHead: '网格长', maxGridsFulltime: '专职网格员', maxGridsParttime: '兼职网格员', maxGridsProfessional: '专业网格员' } as const;

/** Load limits of the county's settings (Art. 13): the counts after the change, per role. */
export function loadProblems(loads: Map<StaffRole, number>, settings: StaffingSettings, countyName: string): string[] {
  const problems: string[] = [];
  for (const [role, n] of loads) {
    const key = roleRules[role].limit;
    if (!key) continue;
    const max = settings[key];
    if (n > max) problems.push(`按${countyName}规定，同一${limitKeys[key]}最多对应 ${max} 个网格，调整后将对应 ${n} 个`);
  }
  return problems;
}
