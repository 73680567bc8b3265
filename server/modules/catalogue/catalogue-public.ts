import { priorityLabels, type Priority } from '../../../common/domain/catalogue';
import { art14Label, limitText, STEPS } from '../../../common/domain/catalogue-terms';
import type { Step } from '../../../common/domain/matter-flow';
import { sectorLabel } from '../../../common/domain/organisations';
import type { LimitUnit } from '../../../common/domain/working-calendar';
import type { CatalogueType, CatalogueVersion } from '../../../common/schemas/catalogue';
import { dayOf } from '../../lib/clock';

/**
 * What the public page and JSON say about a county's catalogue (Art. 15: 向社会公布). Its shape is
 * fixed here: who drafted or approved it by name, provenance notes and internal flags stay out.
 */
export interface PublicType {
  code: string;
  name: string;
  path: [string, string, string];
  art14Kind: number;
  duties: string;
  unit: string;
  limits: Record<Step, { amount: number; unit: LimitUnit; text: string }>;
  needsVerification: boolean;
  needsFeedback: boolean;
  priority: Priority;
  priorityLabel: string;
  limitsDefault: boolean;
}
export interface PublicCatalogue {
  county: { code: string; name: string };
  version: { number: number; publishedOn: string | null; approvedOn: string | null; approvalRef: string | null; isDefault: boolean } | null;
  note: string;
  limitsDefaultCount: number;
  kinds: { kind: number; label: string; groups: { level1: string; level2: string; code: string; types: PublicType[] }[] }[];
}

export function limitNote(countyName: string, isDefault: boolean): string {
  return isDefault
    ? `本清单是平台默认清单（第 1 版），其中的办理时限是默认值，须由${countyName}网格化管理服务机构会同有关部门审核，经${countyName}人民政府批准后公布（《黑河市网格化管理服务条例》第十五条）。`
    : `本清单由${countyName}网格化管理服务机构会同有关部门编制，各事项的职责任务和办理时限由本县（市、区）确定，经${countyName}人民政府批准后公布（《黑河市网格化管理服务条例》第十五条）。`;
}

export function presentPublic(p: { county: { code: string; name: string }; version: CatalogueVersion | null; types: CatalogueType[]; units: Map<string, string> }): PublicCatalogue {
  const v = p.version;
  const isDefault = v?.origin === 'default';
  const kinds: PublicCatalogue['kinds'] = [];
  const sorted = [...p.types].sort((a, b) => a.art14Kind - b.art14Kind || a.code.localeCompare(b.code));
  for (const t of sorted) {
    let k = kinds.at(-1);
    if (!k || k.kind !== t.art14Kind) kinds.push((k = { kind: t.art14Kind, label: art14Label(t.art14Kind), groups: [] }));
    let g = k.groups.at(-1);
    const code = t.code.slice(0, 4);
    if (!g || g.code !== code) k.groups.push((g = { level1: t.path[0], level2: t.path[1], code, types: [] }));
    g.types.push({
      code: t.code,
      name: t.name,
      path: t.path,
      art14Kind: t.art14Kind,
      duties: t.duties,
      unit: p.units.get(t.defaultSector) ?? `${sectorLabel(t.defaultSector) ?? t.defaultSector}部门`,
      limits: Object.fromEntries(STEPS.map((s) => [s, { ...t.limits[s], text: limitText(t.limits[s]) }])) as PublicType['limits'],
      needsVerification: t.needsVerification,
      needsFeedback: t.needsFeedback,
      priority: t.priority,
      priorityLabel: priorityLabels[t.priority],
      limitsDefault: t.limitsDefault,
    });
  }
  return {
    county: p.county,
    version: v
      ? { number: v.version, publishedOn: v.publishedAt ? dayOf(new Date(v.publishedAt)) : null, approvedOn: v.approvedAt ? dayOf(new Date(v.approvedAt)) : null, approvalRef: v.approvalRef, isDefault }
      : null,
    note: limitNote(p.county.name, isDefault),
    limitsDefaultCount: p.types.filter((t) => t.limitsDefault).length,
    kinds,
  };
}
