import { z } from 'zod';
import { nameProblem, textProblem, visibleLength } from '../domain/text';

/**
 * A name shown on maps, notices and boards: trimmed, no control or invisible characters, between
 * `min` and `max` visible characters.
 */
export function nameText(label: string, min: number, max: number) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .superRefine((s, ctx) => {
      const base = textProblem(s);
      const p = base ?? (s.length > 0 && visibleLength(s) === 0 ? '不能只由空白或不可见字符组成' : nameProblem(s));
      if (p) ctx.addIssue({ code: 'custom', message: `${label}${p}` });
      else if (visibleLength(s) < min) ctx.addIssue({ code: 'custom', message: `${label}至少 ${min} 个字` });
      else if (s.length > max) ctx.addIssue({ code: 'custom', message: `${label}不超过 ${max} 个字` });
    });
}

/** Free text (reasons, notes, descriptions): line breaks allowed, control characters not. */
export function freeText(label: string, min: number, max: number, minMessage?: string) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .superRefine((s, ctx) => {
      const p = textProblem(s);
      if (p) ctx.addIssue({ code: 'custom', message: `${label}${p}` });
      else if (visibleLength(s) < min) ctx.addIssue({ code: 'custom', message: minMessage ?? `${label}至少 ${min} 个字` });
      else if (s.length > max) ctx.addIssue({ code: 'custom', message: `${label}不超过 ${max} 字` });
    });
}
