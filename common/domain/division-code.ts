/**
 * Structure of the 12-digit statistical division code (GB/T 2260 + NBS 统计用区划代码):
 * 2 province · 2 city · 2 county · 3 township · 3 village. A node covers every code that starts
 * with its significant prefix, which is how scopes are checked without walking the tree.
 */
export type CodeLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export function codeLevel(code12: string): CodeLevel {
  if (!/^\d{12}$/.test(code12)) throw new Error(`不是 12 位区划代码：${code12}`);
  if (code12.endsWith('0000000000')) return 'province';
  if (code12.endsWith('00000000')) return 'city';
  if (code12.endsWith('000000')) return 'county';
  if (code12.endsWith('000')) return 'township';
  return 'village';
}

const prefixLength: Record<CodeLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

export function significantPrefix(code12: string): string {
  return code12.slice(0, prefixLength[codeLevel(code12)]);
}

/** Does the territory node `scope` contain `code` (a division code or a grid code, which extends its community's)? */
export function scopeCovers(scope: string, code: string): boolean {
  return code.startsWith(significantPrefix(scope));
}

export function countyOf(code: string): string {
  return code.slice(0, 6) + '000000';
}

export function townshipOf(code: string): string {
  return code.slice(0, 9) + '000';
}
