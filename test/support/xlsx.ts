import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { STAFF_COLUMNS, type ColumnKey } from '../../server/modules/staff/excel/staff-columns';

export type StaffCells = Partial<Record<ColumnKey, ExcelJS.CellValue>>;

/** A real .xlsx with the template's headers (or others) and the given rows, as a centre would fill it in Excel. */
export async function staffWorkbook(rows: StaffCells[], opts: { headers?: string[]; sheetName?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? '网格人员');
  const headers = opts.headers ?? STAFF_COLUMNS.map((c) => c.header);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(STAFF_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipart(file: Buffer, fileName = 'staff.xlsx', field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----wangge${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Reads a downloaded workbook back. */
export async function openWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}
