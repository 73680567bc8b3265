/**
 * Finding a type as the worker types on the phone: by code, by name, by pinyin initials ("blj" finds
 * 暴露垃圾, whose initials are bllj) or by whole pinyin ("laji"). The published catalogue of a county
 * is a few hundred types held in memory, so a linear scan over precomputed keys answers in microseconds.
 */
export interface SearchEntry {
  code: string;
  name: string;
  initials: string;
  pinyin: string;
}

/** Is `q` a subsequence of `s` starting at its first letter (b-l-j in b-l-l-j)? */
function anchoredSubsequence(q: string, s: string): boolean {
  if (!q || q[0] !== s[0]) return false;
  let i = 0;
  for (const c of s) if (c === q[i]) i++;
  return i >= q.length;
}

/** How well an entry matches (lower is better), or null when it doesn't. */
export function matchRank(e: SearchEntry, raw: string): number | null {
  const q = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return 9;
  if (/^\d+$/.test(q)) return e.code === q ? 0 : e.code.startsWith(q) ? 1 : null;
  if (e.name === raw.trim() || e.initials === q) return 2;
  if (e.name.startsWith(raw.trim()) || e.initials.startsWith(q)) return 3;
  if (e.name.includes(raw.trim())) return 4;
  if (/^[a-z0-9]+$/.test(q)) {
    if (e.pinyin.startsWith(q)) return 5;
    if (e.initials.includes(q) || e.pinyin.includes(q)) return 6;
    if (anchoredSubsequence(q, e.initials)) return 7;
  }
  return null;
}

export function searchEntries<T extends SearchEntry>(entries: readonly T[], q: string | undefined, limit: number): T[] {
  if (!q || !q.trim()) return entries.slice(0, limit);
  const hits: { e: T; rank: number; i: number }[] = [];
  entries.forEach((e, i) => {
    const rank = matchRank(e, q);
    if (rank !== null) hits.push({ e, rank, i });
  });
  hits.sort((a, b) => a.rank - b.rank || a.e.name.length - b.e.name.length || a.i - b.i);
  return hits.slice(0, limit).map((h) => h.e);
}
