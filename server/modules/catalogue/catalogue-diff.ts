import { priorityLabels } from '../../../common/domain/catalogue';
import { art14Label, limitText, STEPS, stepLabels } from '../../../common/domain/catalogue-terms';
import type { CatalogueDiff, CatalogueType, TypeChange } from '../../../common/schemas/catalogue';

const yes = (b: boolean) => (b ? '是' : '否');

const FIELDS: { field: string; label: string; show: (t: CatalogueType) => string }[] = [
  { field: 'name', label: '事项名称', show: (t) => t.name },
  { field: 'level1Name', label: '一级分类', show: (t) => t.path[0] },
  { field: 'level2Name', label: '二级分类', show: (t) => t.path[1] },
  { field: 'art14Kind', label: '条例第十四条事项类别', show: (t) => art14Label(t.art14Kind) },
  { field: 'duties', label: '职责任务', show: (t) => t.duties },
  { field: 'defaultSector', label: '责任单位', show: (t) => t.sectorLabel },
  ...STEPS.map((s) => ({ field: `limits.${s}`, label: `${stepLabels[s]}时限`, show: (t: CatalogueType) => limitText(t.limits[s]) })),
  { field: 'needsVerification', label: '需要现场核查', show: (t) => yes(t.needsVerification) },
  { field: 'needsFeedback', label: '需要向群众反馈', show: (t) => yes(t.needsFeedback) },
  { field: 'priority', label: '优先级', show: (t) => priorityLabels[t.priority] },
  { field: 'directToPolice', label: '直接转公安', show: (t) => yes(t.directToPolice) },
];

export function typeChanges(before: CatalogueType, after: CatalogueType): TypeChange[] {
  const out: TypeChange[] = [];
  for (const f of FIELDS) {
    const [b, a] = [f.show(before), f.show(after)];
    if (b !== a) out.push({ field: f.field, label: f.label, before: b, after: a });
  }
  return out;
}

/** What a version changes against another: types that enter (准入), leave (退出) and change. */
export function diffTypes(against: { id: string; version: number } | null, base: CatalogueType[], next: CatalogueType[]): CatalogueDiff {
  const old = new Map(base.map((t) => [t.code, t]));
  const now = new Map(next.map((t) => [t.code, t]));
  const changed: CatalogueDiff['changed'] = [];
  for (const t of next) {
    const b = old.get(t.code);
    if (!b) continue;
    const changes = typeChanges(b, t);
    if (changes.length) changed.push({ code: t.code, name: t.name, before: b, after: t, changes });
  }
  return {
    against,
    added: next.filter((t) => !old.has(t.code)),
    removed: base.filter((t) => !now.has(t.code)),
    changed,
  };
}
