import { pinyin } from 'pinyin-pro';

/**
 * Search keys of a type name, computed when a type is stored (seeding, a draft's edits), never per
 * request: initials ("暴露垃圾" → "bllj") and the whole pinyin without tones or spaces ("baolulaji").
 * Letters and digits in the name are kept as they are (lower case); punctuation is dropped.
 */
export function searchKeys(name: string): { initials: string; pinyin: string } {
  const initials: string[] = [];
  const full: string[] = [];
  const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'spaced' });
  const whole = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'spaced', v: true });
  for (let i = 0; i < first.length; i++) {
    const f = first[i].toLowerCase().replace(/[^a-z0-9]/g, '');
    const w = (whole[i] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
    if (f) initials.push(f);
    if (w) full.push(w);
  }
  return { initials: initials.join(''), pinyin: full.join('') };
}
