/**
 * The columns of the staff spreadsheet (template and import), one place for their Chinese headers,
 * which are required, how they are read and what the notes sheet says about them. The fields are
 * those of the appointment API (common/schemas/staff.ts: PersonInputSchema, AssignmentSpecSchema
 * and the decision), so a row is exactly one appointment.
 */
export type ColumnKey =
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'kind'
  | 'gridCodes'
  | 'background'
  | 'sourceOrgCode'
  | 'employer'
  | 'employerOrgCode'
  | 'township'
  | 'effectiveOn'
  | 'contractStart'
  | 'contractEnd'
  | 'socialInsuranceSince'
  | 'accidentInsuranceSince'
  | 'accidentInsuranceUntil'
  | 'homeAddress'
  | 'decidingBody'
  | 'reason';

export interface StaffColumn {
  key: ColumnKey;
  header: string;
  /** The header must be in the file (its cells may still be empty where the notes allow). */
  required: boolean;
  /** Read as a calendar date (an Excel date cell or text such as 2026-01-10, 2026/1/10, 2026年1月10日). */
  date?: boolean;
  /** Kept as text in the template, so Excel does not turn long digit strings into numbers. */
  text?: boolean;
  width: number;
  /** What the notes sheet says: when to fill it in and how. */
  note: string;
  /** Other headers seen in centres' own sheets that mean the same column. */
  aliases?: string[];
}

export const STAFF_COLUMNS: StaffColumn[] = [
  { key: 'name', header: '姓名', required: true, width: 10, note: '必填。2–20 个字。' },
  { key: 'idNumber', header: '身份证号', required: true, text: true, width: 21, note: '必填。18 位公民身份号码，末位可为 X；校验位不对会被指出。请保持文本格式，不要让 Excel 存成数字。', aliases: ['身份证号码', '公民身份号码'] },
  { key: 'phone', header: '手机号', required: true, text: true, width: 14, note: '必填（同一人员的其他行可留空）。11 位手机号，公示牌上公开。', aliases: ['手机号码', '联系电话'] },
  { key: 'kind', header: '人员类型', required: true, width: 12, note: '必填。从下拉列表选择：网格长、专职网格员、兼职网格员、专业网格员、专属网格员、楼栋长、单元长。', aliases: ['类型', '人员类别'] },
  { key: 'gridCodes', header: '网格编码', required: true, text: true, width: 34, note: '必填。网格长、专业网格员可任职多个网格，编码之间用顿号（、）或分号（;）分隔；楼栋长、单元长填微网格编码。', aliases: ['任职网格编码', '网格代码'] },
  { key: 'background', header: '身份背景', required: false, width: 20, note: '网格长、兼职网格员必填，从下拉列表选择；其他类型留空。' },
  { key: 'sourceOrgCode', header: '派出单位编码', required: false, text: true, width: 20, note: '专业网格员必填：派出的网格联动部门或网格服务单位的编码（见「代码表」），如 231102000000-ga；专属网格员可填提供单位。' },
  { key: 'employer', header: '工作单位', required: false, width: 18, note: '选填。' },
  { key: 'employerOrgCode', header: '工作单位编码', required: false, text: true, width: 20, note: '选填：工作单位是平台登记的单位时填其编码。' },
  { key: 'township', header: '管理街道（乡镇）', required: false, width: 18, note: '管理、培训和考核该人员的街道（乡镇）：填 12 位代码或名称（见「代码表」）；留空则取第一个网格所在的街道（乡镇）。', aliases: ['管理街道', '街道（乡镇）', '所属街道（乡镇）', '管理街道（乡镇）代码'] },
  { key: 'effectiveOn', header: '任职日期', required: true, date: true, width: 12, note: '必填。日期，如 2026-03-01。' },
  { key: 'contractStart', header: '聘用合同开始日期', required: false, date: true, width: 14, note: '专职网格员必填（实行聘用制）。' },
  { key: 'contractEnd', header: '聘用合同结束日期', required: false, date: true, width: 14, note: '专职网格员必填，且不早于任职日期。' },
  { key: 'socialInsuranceSince', header: '社会保险参保日期', required: false, date: true, width: 14, note: '选填（第二十八条）。' },
  { key: 'accidentInsuranceSince', header: '意外伤害保险起保日期', required: false, date: true, width: 16, note: '选填（第二十八条）。' },
  { key: 'accidentInsuranceUntil', header: '意外伤害保险到期日期', required: false, date: true, width: 16, note: '选填。' },
  { key: 'homeAddress', header: '家庭住址', required: false, width: 30, note: '选填，不超过 120 字。属个人信息，列表和导出中脱敏显示。' },
  { key: 'decidingBody', header: '决定机关', required: true, width: 22, note: '必填。作出任职决定的机关，如 花园街道网格化管理服务中心。' },
  { key: 'reason', header: '任职原因', required: true, width: 22, note: '必填，至少 2 个字，如 经招聘考试录用、社区党组织推荐。', aliases: ['原因', '任职依据'] },
];

export const COLUMN_BY_KEY = Object.fromEntries(STAFF_COLUMNS.map((c) => [c.key, c])) as Record<ColumnKey, StaffColumn>;

/** The columns that describe the person rather than the appointment (compared when one person has several rows). */
export const PERSON_KEYS: ColumnKey[] = ['phone', 'employer', 'employerOrgCode', 'township', 'contractStart', 'contractEnd', 'socialInsuranceSince', 'accidentInsuranceSince', 'accidentInsuranceUntil', 'homeAddress'];

/** Headers compare without spaces, asterisks (required marks) or the difference between full- and half-width brackets. */
export function normaliseHeader(h: string): string {
  return h.replace(/[\s*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

const byHeader = new Map<string, ColumnKey>();
for (const c of STAFF_COLUMNS) for (const h of [c.header, ...(c.aliases ?? [])]) byHeader.set(normaliseHeader(h), c.key);

export function columnOfHeader(h: string): ColumnKey | undefined {
  return byHeader.get(normaliseHeader(h));
}

/** Sheets of the template that are not data. */
export const NOTES_SHEET = '填写说明';
export const CODES_SHEET = '代码表';
export const DATA_SHEET = '网格人员';
/** Rows whose name starts with this are the template's examples and are never imported. */
export const SAMPLE_PREFIX = '示例';
/** Most data rows one file may hold. */
export const MAX_ROWS = 20_000;
/** Largest upload accepted. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Grid codes in one cell: 、 ; ； , ， or whitespace between them. */
export const GRID_CODE_SEPARATORS = /[、;；,，\s]+/;
