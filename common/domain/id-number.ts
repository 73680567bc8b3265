/**
 * Citizen identity numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and a check character computed by ISO 7064
 * MOD 11-2 over the first 17 digits (weights 2^(17-i) mod 11; remainder → '10X98765432').
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** Province-level codes of GB/T 2260 (the first two digits of an address code). */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

export function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export interface IdNumberInfo {
  birthDate: string; // YYYY-MM-DD
  gender: 'male' | 'female';
}

/** Normalises (trim, upper-case x) and explains what is wrong, or returns the number's birth date and gender. */
export function parseIdNumber(raw: string, today = new Date()): { ok: true; value: string; info: IdNumberInfo } | { ok: false; message: string } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号应为 18 位（17 位数字加 1 位数字或 X）' };
  if (!PROVINCES.has(value.slice(0, 2))) return { ok: false, message: '身份证号的地址码不正确' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, message: '身份证号中的出生日期不正确' };
  if (date.getTime() > today.getTime()) return { ok: false, message: '身份证号中的出生日期晚于今天' };
  if (checkCharOf(value) !== value[17]) return { ok: false, message: '身份证号校验位不正确，请核对是否输错' };
  return {
    ok: true,
    value,
    info: { birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/** A valid number for a given address code, birth date and sequence (demo data and tests). */
export function makeIdNumber(addressCode: string, birth: string, sequence: number): string {
  const first17 = `${addressCode}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
}
