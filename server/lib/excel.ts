import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Text that a spreadsheet could take for a formula (= + - @, or a leading tab or carriage return,
 * which some programs strip before looking) gets a leading apostrophe, so a downloaded list can
 * never run anything when it is opened, edited or pasted elsewhere (CSV/formula injection).
 */
export function neutralise(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export type ExportCell = string | number | null | undefined;
export interface ExportColumn<T> {
  header: string;
  width: number;
  value: (row: T) => ExportCell;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** Header row as the platform styles it: bold on a light fill, and frozen so it stays in view. */
export function styleHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle' };
}

/** Cell values of one row, every string neutralised. */
export function safeValues<T>(columns: ExportColumn<T>[], row: T): (string | number | null)[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (v === undefined || v === null) return null;
    return typeof v === 'string' ? neutralise(v) : v;
  });
}

/**
 * A one-sheet workbook (Chinese headers, widths, frozen header row) written with exceljs' streaming
 * writer; it yields to the event loop every few hundred rows so a large export never holds up other
 * requests for long.
 */
export async function writeTable<T>(sheetName: string, columns: ExportColumn<T>[], rows: T[], opts: { title?: string } = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '网格通';
  if (opts.title) wb.title = opts.title;
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  styleHeader(ws);
  ws.getRow(1).commit();
  for (let i = 0; i < rows.length; i++) {
    ws.addRow(safeValues(columns, rows[i])).commit();
    if (i % 500 === 499) await yieldToLoop();
  }
  ws.commit();
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** A Content-Disposition header for a Chinese file name (RFC 6266/5987), with an ASCII fallback. */
export function attachment(fileName: string, fallback = 'export.xlsx'): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
