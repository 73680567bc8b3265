import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/regulation.md maps every article of the regulation to the code and tests that carry it out.
 * These checks keep it honest: every file it names exists, and no article is missing.
 */

const root = path.resolve(import.meta.dirname, '..');
const doc = readFileSync(path.join(root, 'docs/regulation.md'), 'utf8');
const regulationFile = path.resolve(root, '..', 'shared', 'regulation', 'heihe-grid-regulation-2023.txt');

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十四 → 14, 二十 → 20, 三十四 → 34 (enough for article numbers below 100). */
function chineseNumeral(text: string): number {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') throw new Error(`not a Chinese numeral below 100: ${text}`);
  const [, tens, ten, ones] = m;
  if (!ten) {
    if (tens && ones) throw new Error(`not a Chinese numeral below 100: ${text}`);
    return DIGITS[tens ?? ones];
  }
  return (tens ? DIGITS[tens] : 1) * 10 + (ones ? DIGITS[ones] : 0);
}

/** Article numbers in the order the doc heads them (### 第X条 …). */
function docArticles(): number[] {
  return [...doc.matchAll(/^###\s+第([一二三四五六七八九十]+)条/gm)].map((m) => chineseNumeral(m[1]));
}

/** Article numbers of the regulation text: lines that begin with 第X条. */
function regulationArticles(text: string): number[] {
  return [...text.matchAll(/^\s*第([一二三四五六七八九十]+)条/gm)].map((m) => chineseNumeral(m[1]));
}

/** Backticked tokens that look like a file path: no spaces, a slash, and an extension on the last part. */
function citedFiles(): string[] {
  const tokens = [...doc.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  return [...new Set(tokens.filter((t) => t.includes('/') && /\.[A-Za-z0-9]+$/.test(t.split('/').pop()!)))];
}

describe('docs/regulation.md', () => {
  it('reads Chinese article numbers', () => {
    expect(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十', '三十四'].map(chineseNumeral)).toEqual([1, 9, 10, 11, 19, 20, 21, 30, 34]);
    expect(() => chineseNumeral('一二')).toThrow();
  });

  it('names only files that exist, by paths relative to the repository root', () => {
    const files = citedFiles();
    expect(files.length).toBeGreaterThan(30);
    const wrong = files.filter((f) => f.startsWith('/') || f.startsWith('.') || !existsSync(path.join(root, f)));
    expect(wrong).toEqual([]);
  });

  it('has one entry per article, in order, each with what it asks, what is built, its tests and what is not built yet', () => {
    const numbers = docArticles();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const entries = doc.split(/^###\s+(?=第)/m).slice(1);
    expect(entries).toHaveLength(numbers.length);
    const incomplete = entries
      .filter((e) => !['**Asks:**', '**Built:**', '**Tests:**', '**Not built yet:**'].every((label) => e.includes(label)))
      .map((e) => e.split('\n')[0]);
    expect(incomplete).toEqual([]);
  });

  it.skipIf(!existsSync(regulationFile))('covers every article of the regulation text', () => {
    const articles = regulationArticles(readFileSync(regulationFile, 'utf8'));
    expect(articles.length).toBeGreaterThan(0);
    expect(articles).toEqual(articles.map((_, i) => i + 1));
    expect(docArticles()).toEqual(articles);
  });
});
