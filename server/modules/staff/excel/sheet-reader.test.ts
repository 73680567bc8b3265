import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '../../../../common/domain/id-number';
import { staffRoleLabels } from '../../../../common/domain/staff';
import { staffWorkbook } from '../../../../test/support/xlsx';
import { readStaffSheet } from './sheet-reader';

const row = (name: string) => ({ name, idNumber: makeIdNumber('231102', '1951-03-07', 901), phone: '13904561234', kind: staffRoleLabels.fulltime, gridCodes: '231102001001001', effectiveOn: '2026-01-10', decidingBody: '花园街道网格化管理服务中心', reason: '经招聘考试录用' });

describe('reading the staff sheet', () => {
  it('reads a valid file again when the stream reader loses part of it, and calls it unreadable only when it keeps failing', async () => {
    const parse = vi.spyOn(ExcelJS.stream.xlsx.WorkbookReader.prototype, 'parse');
    const lost = async function* (): AsyncGenerator<never> {
      throw new TypeError("Cannot read properties of undefined (reading 'sheets')");
    };
    try {
      parse.mockImplementationOnce(lost);
      const sheet = await readStaffSheet(await staffWorkbook([row('重读甲')]));
      expect(sheet.rows.map((r) => r.cells.name)).toEqual(['重读甲']);
      expect(parse).toHaveBeenCalledTimes(2);
      parse.mockClear().mockImplementation(lost);
      await expect(readStaffSheet(await staffWorkbook([row('重读乙')]))).rejects.toThrow('文件无法作为 Excel（.xlsx）读取');
      expect(parse).toHaveBeenCalledTimes(3);
    } finally {
      parse.mockRestore();
    }
  });
});
