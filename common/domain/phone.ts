/** Mobile numbers (11 digits from 13–19) and landlines with area code (Heihe: 0456), or service numbers like 12345. */
export function normalisePhone(raw: string): string {
  return raw.trim().replace(/[\s()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

export function phoneProblem(raw: string, opts: { allowLandline?: boolean; allowService?: boolean } = {}): string | null {
  const p = normalisePhone(raw);
  if (/^1[3-9]\d{9}$/.test(p)) return null;
  if (opts.allowLandline && /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(p)) return null;
  if (opts.allowService && /^(1\d{4}|9\d{4}|1[0-2]\d)$/.test(p)) return null;
  if (/^1\d*$/.test(p) && p.length !== 11) return '手机号应为 11 位';
  return opts.allowLandline ? '电话号码格式不正确（手机号 11 位，固定电话请带区号，如 0456-8221234）' : '手机号格式不正确（11 位，以 13–19 开头）';
}
