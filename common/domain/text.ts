/**
 * What the platform accepts as text. PostgreSQL refuses NUL in text and lone UTF-16 surrogates can't
 * be stored or shown; control characters hide content from the people who read it. Names are
 * stricter: they are shown on maps, notices and printed boards, so they hold no line breaks, no
 * invisible formatting (zero-width or direction marks) and at least one visible character.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_EXCEPT_WHITESPACE = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** Characters that take up no visible space: whitespace, format marks, fillers, the blank braille cell. */
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Why any text from a client can't be accepted, or null. Applies to every field, key and path part. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return '含有空字符（\\u0000）';
  if (LONE_SURROGATE.test(s)) return '含有无效的 Unicode 字符（不成对的代理项）';
  if (CONTROL_EXCEPT_WHITESPACE.test(s)) return '含有不可见的控制字符';
  return null;
}

export function visibleLength(s: string): number {
  return s.replace(INVISIBLE, '').length;
}

/** Why a name can't be accepted, or null (on top of textProblem). */
export function nameProblem(s: string): string | null {
  const base = textProblem(s);
  if (base) return base;
  if (NAME_FORBIDDEN.test(s)) return '不能含有换行、制表符或零宽、方向控制等不可见字符';
  return null;
}
