/**
 * Sensitivity tiers of personal data and how each kind of value is masked. Policies decide whether
 * a user may see a record; presenters use these to decide which fields, and how (the records of
 * residents reuse the same tiers and masks).
 */
export type Tier = 'public' | 'internal' | 'personal' | 'sensitive';
export const TIER_ORDER: Tier[] = ['public', 'internal', 'personal', 'sensitive'];

export function maskIdNumber(v: string): string {
  return v.length >= 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '*'.repeat(v.length);
}

export function maskPhone(v: string): string {
  const d = v.replace(/\D/g, '');
  if (d.length === 11 && d.startsWith('1')) return `${d.slice(0, 3)}****${d.slice(7)}`;
  return v.length > 4 ? `${'*'.repeat(v.length - 4)}${v.slice(-4)}` : v;
}

/** An address down to its first few characters (the district), the rest hidden. */
export function maskAddress(v: string): string {
  const keep = Math.min(6, Math.floor(v.length / 3));
  return v.slice(0, keep) + '****';
}

/** A birth date to its year. */
export function maskBirthDate(v: string): string {
  return `${v.slice(0, 4)}-**-**`;
}
