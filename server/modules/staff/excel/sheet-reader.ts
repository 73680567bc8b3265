import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { COLUMN_BY_KEY, columnOfHeader, CODES_SHEET, MAX_ROWS, NOTES_SHEET, SAMPLE_PREFIX, STAFF_COLUMNS, type ColumnKey } from './staff-columns';

/** One data row as read: cell texts by column, and what could not be read from its cells. */
export interface SheetRow {
  /** The row number in Excel, as the importer sees it. */
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
  notes: string[];
}
export interface SheetResult {
  sheetName: string;
  rows: SheetRow[];
  /** Headers in the file that are not template columns (ignored). */
  ignored: string[];
  /** Example rows of the template left in the file, not imported. */
  samples: number;
}
export type SheetEvent = { type: 'ready' } | { type: 'progress'; rows: number; bytes: number; total: number };

/** A file that can't be read as the staff sheet: a 4xx for the uploader, in Chinese. */
export class SheetError extends Error {
  constructor(
    readonly code: 'bad_request' | 'unsupported_media_type' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'SheetError';
  }
}

/** Checks the first bytes before any parsing: empty, an old .xls, or not a zip (xlsx) at all. */
export function sniffXlsx(data: Uint8Array): SheetError | null {
  if (data.length === 0) return new SheetError('bad_request', '上传的文件是空的，请选择填写好的 Excel 文件');
  if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    return new SheetError('unsupported_media_type', '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传');
  }
  if (!(data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04)) {
    return new SheetError('unsupported_media_type', '文件不是 Excel（.xlsx）格式：请使用下载的模板填写后上传（改扩展名不能改变文件格式）');
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Dates as people type them: 2026-1-10, 2026/1/10, 2026.1.10, 2026年1月10日, 20260110. Anything else is left for the schema to refuse. */
export function normaliseDateText(s: string): string {
  const t = s.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return t;
}

/** Excel's day number (1900 system) to a calendar date. */
function serialToIso(n: number): string {
  const d = new Date(Math.round((n - 25569) * 86400_000));
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

type CellValue = ExcelJS.CellValue;

/** A cell's value as the text the importer typed or saw, or an explanation of why it can't be used. */
function cellText(v: CellValue, key: ColumnKey, header: string): { text: string; note?: string } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? '是' : '否' };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { text: '', note: `${header}不是有效的日期` };
    return { text: isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) };
  }
  if (typeof v === 'number') {
    if (COLUMN_BY_KEY[key].date) {
      if (/^\d{8}$/.test(String(v))) return { text: normaliseDateText(String(v)) };
      if (v > 0 && v < 2958466) return { text: serialToIso(v) };
    }
    // Excel keeps 15 significant digits: an 18-digit ID number typed as a number has lost its last ones.
    if (key === 'idNumber') return { text: '', note: '身份证号被 Excel 存成了数字，后几位已经丢失：请把该列设为“文本”格式后重新输入' };
    if (!Number.isSafeInteger(v)) return { text: String(v), note: Math.abs(v) >= 1e15 ? `${header}被 Excel 存成了数字，末尾几位可能已经丢失：请设为“文本”格式后重新输入` : undefined };
    return { text: String(v) };
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((r) => r.text ?? '').join('') };
    if ('error' in v) return { text: '', note: `${header}单元格有错误（${String(v.error)}）` };
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: CellValue }).result;
      if (r === undefined || r === null) return { text: '', note: `${header}是公式且没有计算结果，请改为直接填写内容` };
      if (typeof r === 'object' && !(r instanceof Date) && 'error' in r) return { text: '', note: `${header}的公式结果有错误（${String(r.error)}）` };
      return cellText(r, key, header);
    }
    if ('text' in v) return { text: String((v as { text: unknown }).text ?? '') };
  }
  return { text: String(v) };
}

/** Counts the bytes the zip reader has taken, for the progress bar. */
function counted(data: Uint8Array, onBytes: (n: number) => void): Readable {
  let offset = 0;
  const chunk = 64 * 1024;
  return new Readable({
    read() {
      if (offset >= data.length) {
        this.push(null);
        return;
      }
      const end = Math.min(data.length, offset + chunk);
      this.push(Buffer.from(data.buffer, data.byteOffset + offset, end - offset));
      offset = end;
      onBytes(offset);
    },
  });
}

const HEADER_SEARCH_ROWS = 10;
const MAX_COLUMNS = 60;

/** A row read as a header: the template columns it names (by position), the headers it has that are not ours, and which required ones it lacks. */
function headerOf(row: ExcelJS.Row): { columns: Map<number, ColumnKey>; ignored: string[]; missing: string[] } | null {
  const columns = new Map<number, ColumnKey>();
  const ignored: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col > MAX_COLUMNS) return;
    const h = cellText(cell.value, 'name', '').text.trim();
    if (!h) return;
    const key = columnOfHeader(h);
    if (key && ![...columns.values()].includes(key)) columns.set(col, key);
    else ignored.push(h);
  });
  const present = new Set(columns.values());
  if (!present.has('name') && !present.has('idNumber')) return null;
  return { columns, ignored, missing: STAFF_COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => c.header) };
}

/**
 * Reads the staff sheet as a stream (exceljs WorkbookReader): finds the header row, maps columns
 * by their Chinese headers (any order), and returns every data row's cell texts. Signals `ready`
 * once the header is known good and the first data row is in, so the upload can be answered while
 * the rest is read. Throws SheetError for files that are not the staff sheet.
 */
export async function readStaffSheet(data: Uint8Array, onEvent: (e: SheetEvent) => void = () => {}): Promise<SheetResult> {
  const sniffed = sniffXlsx(data);
  if (sniffed) throw sniffed;
  // exceljs 4.4.0's stream reader now and then loses a zip entry of a valid file on a busy process
  // (the workbook part: "Cannot read properties of undefined (reading 'sheets')"), about once in a
  // few hundred reads. The file is in memory, so it is read again before it is called unreadable.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readOnce(data, onEvent);
    } catch (e) {
      if (e instanceof SheetError) throw e;
      if (attempt < READ_ATTEMPTS) continue;
      throw new SheetError('unsupported_media_type', '文件无法作为 Excel（.xlsx）读取，可能已损坏或不是 Excel 文件：请使用下载的模板填写后上传');
    }
  }
}

const READ_ATTEMPTS = 3;

/** One pass of the stream reader; errors other than SheetError are the library's. */
async function readOnce(data: Uint8Array, onEvent: (e: SheetEvent) => void): Promise<SheetResult> {
  let bytes = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    counted(data, (n) => (bytes = n)),
    { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' },
  );
  let sheets = 0;
  let headerFound: { sheetName: string; columns: Map<number, ColumnKey>; ignored: string[] } | null = null;
  let bestMissing: string[] | null = null;
  const rows: SheetRow[] = [];
  let samples = 0;
  let ready = false;
  for await (const sheet of reader) {
    sheets++;
    const name = (sheet as unknown as { name?: string }).name ?? '';
    // Every sheet is read through (the zip is one stream); only the first with the header is data.
    const skip = headerFound !== null || name === NOTES_SHEET || name === CODES_SHEET;
    let columns: Map<number, ColumnKey> | null = null;
    let searched = 0;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (skip) continue;
      if (!columns) {
        if (searched++ >= HEADER_SEARCH_ROWS) continue;
        const found = headerOf(row);
        if (!found) continue;
        if (found.missing.length) {
          if (!bestMissing || found.missing.length < bestMissing.length) bestMissing = found.missing;
          continue;
        }
        columns = found.columns;
        headerFound = { sheetName: name, columns, ignored: found.ignored };
        continue;
      }
      const cells: Partial<Record<ColumnKey, string>> = {};
      const notes: string[] = [];
      let any = false;
      for (const [col, key] of columns) {
        const c = COLUMN_BY_KEY[key];
        const { text, note } = cellText(row.getCell(col).value, key, c.header);
        const t = text.trim();
        if (t || note) any = true;
        if (t) cells[key] = c.date ? normaliseDateText(t) : t;
        if (note) notes.push(note);
      }
      if (!any) continue;
      if (cells.name?.startsWith(SAMPLE_PREFIX)) {
        samples++;
        continue;
      }
      if (rows.length >= MAX_ROWS) throw new SheetError('invalid', `一个文件最多导入 ${MAX_ROWS.toLocaleString('en')} 行，请分成几个文件导入`);
      rows.push({ row: row.number, cells, notes });
      if (!ready) {
        ready = true;
        onEvent({ type: 'ready' });
      }
      if (rows.length % 250 === 0) onEvent({ type: 'progress', rows: rows.length, bytes, total: data.length });
    }
  }
  if (sheets === 0) throw new SheetError('unsupported_media_type', '文件中没有工作表，不是有效的 Excel（.xlsx）文件：请使用下载的模板填写后上传');
  if (!headerFound) {
    const required = STAFF_COLUMNS.filter((c) => c.required).map((c) => c.header).join('、');
    if (bestMissing) throw new SheetError('bad_request', `表头缺少以下列：${bestMissing.join('、')}。请使用下载的模板（第一行为表头：${required} 等）`);
    throw new SheetError('bad_request', `没有找到表头：第一行应为列名（${required} 等），请使用下载的模板填写`);
  }
  if (rows.length === 0) throw new SheetError('bad_request', samples ? '文件中只有模板的示例行，没有要导入的人员' : '文件中没有要导入的数据行（表头下面是空的）');
  onEvent({ type: 'progress', rows: rows.length, bytes: data.length, total: data.length });
  return { sheetName: headerFound.sheetName, rows, ignored: headerFound.ignored, samples };
}
