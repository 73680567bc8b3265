import { normalisePhone } from '../../../../common/domain/phone';
import { headBackgroundLabels, parttimeBackgroundLabels, staffRoleLabels, type StaffRole } from '../../../../common/domain/staff';
import { AppointSchema, type AppointInput } from '../../../../common/schemas/staff';
import type { GridRow } from '../../../db/tables';
import { inScope } from '../../access/access.policy';
import type { Actor } from '../../access/actor';
import type { DivisionTree } from '../../territory/division-tree';
import { unknownGridMessage } from '../assignment-rules';
import type { SheetRow } from './sheet-reader';
import { COLUMN_BY_KEY, GRID_CODE_SEPARATORS, PERSON_KEYS, type ColumnKey } from './staff-columns';

const invert = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const roleByLabel = invert(staffRoleLabels);
/** Short forms centres use in their own sheets. */
const ROLE_SHORT: Record<string, StaffRole> = { 专职: 'fulltime', 兼职: 'parttime', 专业: 'professional', 专属: 'exclusive' };
const backgroundByLabel = new Map([...invert(headBackgroundLabels), ...invert(parttimeBackgroundLabels)]);
const allBackgrounds = [...Object.values(headBackgroundLabels), ...Object.values(parttimeBackgroundLabels)];

export function roleOf(text: string): StaffRole | undefined {
  const t = text.replace(/\s/g, '');
  return roleByLabel.get(t) ?? ROLE_SHORT[t] ?? (t in staffRoleLabels ? (t as StaffRole) : undefined);
}

export function backgroundOf(text: string): string | undefined {
  const t = text.replace(/\s/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  return backgroundByLabel.get(t) ?? (t in headBackgroundLabels || t in parttimeBackgroundLabels ? t : undefined);
}

export function gridCodesOf(text: string): string[] {
  return text.split(GRID_CODE_SEPARATORS).filter(Boolean);
}

/** The ID number as the schema will store it, to tell rows of the same person apart from the start. */
export function idKey(text: string | undefined): string {
  return (text ?? '').trim().toUpperCase();
}

export interface RowContext {
  tree: DivisionTree;
  actor: Actor;
  /** The grids the file names, preloaded. */
  grid(code: string): GridRow | undefined;
}

/** A street (township) from its 12-digit code or its name within the importer's scope. */
function townshipOf(text: string, ctx: RowContext): { code?: string; problem?: string } {
  const t = text.trim();
  if (/^\d{12}$/.test(t)) return { code: t };
  const named = ctx.tree.all().filter((d) => d.level === 'township' && d.name === t && inScope(ctx.actor, d.code));
  if (named.length === 1) return { code: named[0].code };
  if (named.length > 1) return { problem: `管理街道（乡镇）「${t}」有重名，请填写 12 位代码` };
  return { problem: `管理街道（乡镇）「${t}」不在您的管辖范围内或不存在，请填写代码表中的代码或名称` };
}

const blank = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

/**
 * One spreadsheet row as an appointment request, checked by the API's own schema. The first row of
 * a person registers them (`person`); later rows of the same ID number appoint the same person
 * (`staffId`, given by the caller once the first row went through).
 */
export function appointInputOf(r: SheetRow, ctx: RowContext, samePerson?: { staffId: string }): { input?: AppointInput; problems: string[] } {
  const c = r.cells;
  const problems = [...r.notes];
  const required: ColumnKey[] = ['name', 'idNumber', 'kind', 'gridCodes', 'effectiveOn', 'decidingBody', 'reason', ...(samePerson ? [] : (['phone'] as ColumnKey[]))];
  for (const k of required) if (!c[k] && !r.notes.some((n) => n.startsWith(COLUMN_BY_KEY[k].header))) problems.push(`请填写${COLUMN_BY_KEY[k].header}`);

  const role = c.kind ? roleOf(c.kind) : undefined;
  if (c.kind && !role) problems.push(`人员类型「${c.kind}」不正确，应为 ${Object.values(staffRoleLabels).join('、')} 之一`);
  const background = c.background ? backgroundOf(c.background) : undefined;
  if (c.background && !background) problems.push(`身份背景「${c.background}」不正确，可选：${allBackgrounds.join('、')}`);
  const codes = c.gridCodes ? gridCodesOf(c.gridCodes) : [];
  for (const code of codes) if (!/^\d{14,18}$/.test(code)) problems.push(`网格编码「${code}」格式不正确（应为 14 到 18 位数字）`);

  let townshipCode: string | undefined;
  if (!samePerson) {
    if (c.township) {
      const t = townshipOf(c.township, ctx);
      if (t.problem) problems.push(t.problem);
      townshipCode = t.code;
    } else if (codes.length) {
      const first = ctx.grid(codes[0]);
      if (first?.township_code) townshipCode = first.township_code;
      else if (first) problems.push(`网格 ${first.code} 不属于某个街道（乡镇），请填写管理街道（乡镇）`);
      else if (/^\d{14,18}$/.test(codes[0])) problems.push(`${unknownGridMessage(codes[0])}，无法确定管理街道（乡镇），请核对编码或填写管理街道（乡镇）`);
    }
  }
  if (problems.length || !role) return { problems };

  const raw = {
    ...(samePerson
      ? { staffId: samePerson.staffId }
      : {
          person: {
            name: c.name,
            idNumber: c.idNumber,
            phone: c.phone,
            homeAddress: blank(c.homeAddress),
            employer: blank(c.employer),
            employerOrgCode: blank(c.employerOrgCode),
            townshipCode,
            contractStart: blank(c.contractStart),
            contractEnd: blank(c.contractEnd),
            socialInsuranceSince: blank(c.socialInsuranceSince),
            accidentInsuranceSince: blank(c.accidentInsuranceSince),
            accidentInsuranceUntil: blank(c.accidentInsuranceUntil),
          },
        }),
    assignments: codes.map((gridCode) => ({ gridCode, role, background: background ?? null, sourceOrgCode: blank(c.sourceOrgCode) ?? null })),
    effectiveOn: c.effectiveOn,
    reason: c.reason,
    decidingBody: c.decidingBody,
  };
  const parsed = AppointSchema.safeParse(raw);
  // The API calls the appointment date 生效日期; the sheet's column is 任职日期.
  if (!parsed.success) return { problems: [...new Set(parsed.error.issues.map((i) => (i.path[0] === 'effectiveOn' ? i.message.replace('生效日期', '任职日期') : i.message)))] };
  return { input: parsed.data, problems: [] };
}

/** Where a later row of a person disagrees with the first one on the person's own details. */
export function personMismatch(first: SheetRow, later: SheetRow): string[] {
  const problems: string[] = [];
  if ((first.cells.name ?? '') !== (later.cells.name ?? '')) problems.push(`身份证号与第 ${first.row} 行相同，但姓名不同（${first.cells.name ?? '空'}／${later.cells.name ?? '空'}）：同一人员各行的姓名须一致`);
  for (const k of PERSON_KEYS) {
    const a = first.cells[k];
    const b = later.cells[k];
    if (!b || !a) continue;
    const same = k === 'phone' ? normalisePhone(a) === normalisePhone(b) : a === b;
    if (!same) problems.push(`与第 ${first.row} 行为同一人员，但${COLUMN_BY_KEY[k].header}不一致：同一人员的信息以第一行为准，其他行可留空`);
  }
  return problems;
}
