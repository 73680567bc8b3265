import ExcelJS from 'exceljs';
import { AppError } from '../../../../common/app-error';
import { makeIdNumber } from '../../../../common/domain/id-number';
import { headBackgroundLabels, parttimeBackgroundLabels, staffRoleLabels } from '../../../../common/domain/staff';
import type { Database } from '../../../db/client';
import { neutralise, styleHeader } from '../../../lib/excel';
import { inScope } from '../../access/access.policy';
import type { Actor } from '../../access/actor';
import { organisationsRepo } from '../../organisations/organisations.repo';
import type { DivisionTree } from '../../territory/division-tree';
import { gridsRepo } from '../../territory/grids.repo';
import { CODES_SHEET, DATA_SHEET, MAX_FILE_BYTES, MAX_ROWS, NOTES_SHEET, SAMPLE_PREFIX, STAFF_COLUMNS, type ColumnKey } from './staff-columns';

export interface TemplateContext {
  scopeName: string;
  townships: { code: string; name: string }[];
  sendingUnits: { code: string; name: string }[];
  /** Real grids of the scope for the example rows (the first two are used). */
  sampleGrids: { code: string; townshipCode: string }[];
  sampleIdNumbers: [string, string];
  decidingBody: string;
}

/** Rows the list validations and text formats cover (the most a file may hold, plus the header). */
const LAST_ROW = MAX_ROWS + 1;
const colLetter = (i: number) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
const letterOf = (key: ColumnKey) => colLetter(STAFF_COLUMNS.findIndex((c) => c.key === key));

/**
 * The staff import template: the data sheet (Chinese headers, drop-down lists for the kind and
 * the background, text format for digit columns, two example rows that are never imported), the
 * notes sheet, and a code sheet with the lists and the importer's own streets and sending units.
 */
export async function buildStaffTemplate(ctx: TemplateContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格通';
  wb.title = `网格人员导入模板（${ctx.scopeName}）`;

  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = STAFF_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(ws);
  STAFF_COLUMNS.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = c.note;
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
    if (c.date) ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });

  const roleLabels = Object.values(staffRoleLabels);
  const backgrounds = [...Object.values(headBackgroundLabels), ...Object.values(parttimeBackgroundLabels)];
  const listRef = (col: string, n: number) => `'${CODES_SHEET}'!$${col}$2:$${col}$${n + 1}`;
  // exceljs 4.4 has range validations (one entry per column, not per cell) but does not declare them.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  validations.add(`${letterOf('kind')}2:${letterOf('kind')}${LAST_ROW}`, {
    type: 'list',
    allowBlank: true,
    formulae: [listRef('A', roleLabels.length)],
    showErrorMessage: true,
    errorTitle: '人员类型',
    error: '请从下拉列表中选择人员类型',
  });
  validations.add(`${letterOf('background')}2:${letterOf('background')}${LAST_ROW}`, {
    type: 'list',
    allowBlank: true,
    formulae: [listRef('B', backgrounds.length)],
    showErrorMessage: true,
    errorTitle: '身份背景',
    error: '请从下拉列表中选择身份背景（网格长、兼职网格员填写）',
  });

  const [g1, g2] = [ctx.sampleGrids[0], ctx.sampleGrids[1] ?? ctx.sampleGrids[0]];
  const examples: Partial<Record<ColumnKey, string>>[] = [
    {
      name: `${SAMPLE_PREFIX}：张三`,
      idNumber: ctx.sampleIdNumbers[0],
      phone: '13904561234',
      kind: staffRoleLabels.fulltime,
      gridCodes: g1?.code ?? '',
      township: g1?.townshipCode ?? ctx.townships[0]?.code ?? '',
      effectiveOn: '2026-03-01',
      contractStart: '2026-03-01',
      contractEnd: '2028-02-29',
      socialInsuranceSince: '2026-03-01',
      accidentInsuranceSince: '2026-03-01',
      accidentInsuranceUntil: '2027-02-28',
      homeAddress: `${ctx.scopeName}长海小区3栋2单元501`,
      decidingBody: ctx.decidingBody,
      reason: '经招聘考试录用',
    },
    {
      name: `${SAMPLE_PREFIX}：李四`,
      idNumber: ctx.sampleIdNumbers[1],
      phone: '13604567890',
      kind: staffRoleLabels.grid_head,
      gridCodes: g1 && g2 && g1.code !== g2.code ? `${g1.code}、${g2.code}` : (g1?.code ?? ''),
      background: headBackgroundLabels.party_org,
      effectiveOn: '2026-03-01',
      decidingBody: ctx.decidingBody,
      reason: '社区党组织推荐',
    },
  ];
  for (const e of examples) {
    const row = ws.addRow(STAFF_COLUMNS.map((c) => neutralise(e[c.key] ?? '')));
    row.font = { italic: true, color: { argb: 'FF808080' } };
  }

  const notes = wb.addWorksheet(NOTES_SHEET);
  notes.columns = [{ width: 22 }, { width: 10 }, { width: 90 }];
  const lines = [
    `网格人员导入模板（${ctx.scopeName}）`,
    '',
    `1. 在「${DATA_SHEET}」工作表中每行填写一名人员的一项任职；同一人员担任不同类型（如既是网格长又是兼职网格员）时分行填写，身份证号和姓名须一致。`,
    `2. 姓名以“${SAMPLE_PREFIX}”开头的行是示例，导入时会被跳过，可以删除。`,
    '3. 上传后平台先逐行检查（不写入任何数据），列出每一行的问题；全部通过后才能确认导入。导入要么全部成功，要么一条也不写入。',
    '4. 专职网格员实行聘用制，须填写聘用合同起止日期；网格长、兼职网格员须选择身份背景；专业网格员须填写派出单位编码（见「代码表」）。',
    '5. 街道（乡镇）中心只能导入本街道（乡镇）的人员和网格，县级中心可导入本县（市、区）的。每人任职网格数不得超过本县规定的上限。',
    `6. 一个文件不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB、${MAX_ROWS.toLocaleString('en')} 行；日期写作 2026-03-01（也可用 Excel 日期）；身份证号请保持文本格式。`,
    '',
  ];
  for (const l of lines) notes.addRow([l]);
  notes.getRow(1).font = { bold: true, size: 14 };
  const head = notes.addRow(['列名', '是否必填', '填写说明']);
  head.font = { bold: true };
  for (const c of STAFF_COLUMNS) notes.addRow([c.header, c.required ? '必填' : '视情况', c.note]);
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const codes = wb.addWorksheet(CODES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  codes.columns = [
    { header: '人员类型', width: 14 },
    { header: '身份背景', width: 22 },
    { header: '', width: 3 },
    { header: '街道（乡镇）代码', width: 16 },
    { header: '街道（乡镇）名称', width: 18 },
    { header: '', width: 3 },
    { header: '派出单位编码', width: 20 },
    { header: '派出单位名称', width: 34 },
  ];
  styleHeader(codes);
  const n = Math.max(roleLabels.length, backgrounds.length, ctx.townships.length, ctx.sendingUnits.length);
  for (let i = 0; i < n; i++) {
    const t = ctx.townships[i];
    const u = ctx.sendingUnits[i];
    codes.addRow([roleLabels[i] ?? null, backgrounds[i] ?? null, null, t?.code ?? null, t ? neutralise(t.name) : null, null, u?.code ?? null, u ? neutralise(u.name) : null]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template for an importer: its own streets and sending units in the code sheet, its own grids in the examples. */
export async function staffTemplateFor(db: Database, tree: DivisionTree, actor: Actor): Promise<{ data: Buffer; fileName: string }> {
  const scope = tree.get(actor.scopeCode!);
  if (!scope) throw new AppError('forbidden', '您的账号没有管辖范围');
  const inScopeCode = (code: string) => inScope(actor, code);
  const townships = tree.all().filter((d) => d.level === 'township' && inScopeCode(d.code)).sort((a, b) => a.code.localeCompare(b.code));
  const villages = tree.all().filter((d) => d.level === 'village' && inScopeCode(d.code)).map((d) => d.code);
  const county = actor.scopeCode!.slice(0, 6);
  const units = [
    ...(await organisationsRepo.list(db, { prefix: county, kinds: ['department', 'service_unit'] })),
    ...(await organisationsRepo.list(db, { prefix: `${county.slice(0, 4)}00000000`, kinds: ['department', 'service_unit'] })),
  ];
  const grids = villages.length ? await gridsRepo.list(db, { divisionCodes: villages, level: 'grid', status: 'active', limit: 2 }) : [];
  const centre = await organisationsRepo.centreOf(db, scope.code);
  const data = await buildStaffTemplate({
    scopeName: scope.name,
    townships: townships.map((t) => ({ code: t.code, name: t.name })),
    sendingUnits: units.map((u) => ({ code: u.code, name: u.name })),
    sampleGrids: grids.map((g) => ({ code: g.code, townshipCode: g.township_code ?? '' })),
    sampleIdNumbers: [makeIdNumber(county, '1985-06-15', 101), makeIdNumber(county, '1979-11-02', 202)],
    decidingBody: centre?.name ?? `${scope.name}网格化管理服务中心`,
  });
  return { data, fileName: `网格人员导入模板_${scope.name}.xlsx` };
}
