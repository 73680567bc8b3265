import { AppError, type AppErrorDetail } from '../../../common/app-error';
import { level1Of, level2Of } from '../../../common/domain/catalogue-terms';
import type { NewType, TypePatch } from '../../../common/schemas/catalogue';
import type { TypeRecord } from './type-record';

/** A type entering a draft (准入): its groups are the draft's own when they exist, else named by the input. */
export function newTypeRecord(input: NewType, types: TypeRecord[]): TypeRecord {
  const l1 = level1Of(input.code);
  const l2 = level2Of(input.code);
  const inL1 = types.find((t) => t.level1Code === l1);
  const inL2 = types.find((t) => t.level2Code === l2);
  const problems: AppErrorDetail[] = [];
  if (!inL1 && !input.level1Name) problems.push({ code: 'level1_name', message: `一级分类 ${l1} 是新分类，请填写一级分类名称`, field: 'level1Name' });
  if (!inL2 && !input.level2Name) problems.push({ code: 'level2_name', message: `二级分类 ${l2} 是新分类，请填写二级分类名称`, field: 'level2Name' });
  if (input.code.endsWith('00') || l2.endsWith('00') || l1 === '00') problems.push({ code: 'code', message: '事项编码的各级序号从 01 开始，不能为 00', field: 'code' });
  if (problems.length) throw new AppError('invalid', problems.map((p) => p.message).join('；'), problems);
  return {
    code: input.code,
    name: input.name,
    level1Code: l1,
    level1Name: inL1?.level1Name ?? input.level1Name!,
    level2Code: l2,
    level2Name: inL2?.level2Name ?? input.level2Name!,
    art14Kind: input.art14Kind,
    duties: input.duties,
    dutiesDefault: false,
    defaultSector: input.defaultSector,
    limits: input.limits,
    limitsDefault: false,
    handlingBasis: null,
    needsVerification: input.needsVerification,
    needsFeedback: input.needsFeedback,
    priority: input.priority,
    directToPolice: input.directToPolice,
    source: null,
  };
}

/** A type after a change of some of its fields: limits or duties set by the county are no longer defaults. */
export function mergePatch(before: TypeRecord, patch: TypePatch): TypeRecord {
  const { limitsReviewed, ...fields } = patch;
  const after: TypeRecord = { ...before, ...fields, limits: fields.limits ?? before.limits };
  if (fields.duties !== undefined && fields.duties !== before.duties) after.dutiesDefault = false;
  if (fields.limits && JSON.stringify(fields.limits) !== JSON.stringify(before.limits)) {
    after.limitsDefault = false;
    after.handlingBasis = null;
  }
  if (limitsReviewed) after.limitsDefault = false;
  return after;
}

/** Rules across fields and across the draft, in Chinese. */
export function checkType(t: TypeRecord, others: TypeRecord[]): void {
  const problems: AppErrorDetail[] = [];
  const same = others.find((o) => o.name === t.name);
  if (same) problems.push({ code: 'name_taken', message: `清单中已有名为“${t.name}”的事项（${same.code}）`, field: 'name' });
  if (t.directToPolice && t.defaultSector !== 'ga') problems.push({ code: 'police_sector', message: '直接转公安的事项，责任单位须为公安', field: 'defaultSector' });
  if (t.directToPolice && t.priority !== 'top') problems.push({ code: 'police_priority', message: '直接转公安的事项须为特急', field: 'priority' });
  if (problems.length) throw new AppError('invalid', problems.map((p) => p.message).join('；'), problems);
}
