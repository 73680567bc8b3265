import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import { ApiError } from '../../api/client';

/** An antd rule that checks a field with the server's own zod schema, so the form says what the API would. */
export function zodRule(schema: z.ZodType, required = false, requiredMessage = '请填写此项'): Rule {
  return {
    required,
    validator: async (_rule, value) => {
      const empty = value === undefined || value === null || value === '';
      if (empty) {
        if (required) throw new Error(requiredMessage);
        return;
      }
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** A DatePicker value as the API's YYYY-MM-DD (null when empty). */
export const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const toDayjs = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
export const today = () => dayjs().format('YYYY-MM-DD');

/**
 * Puts the server's per-field problems (400 details with `field`, e.g. `person.idNumber`) on the form
 * fields they concern; `mapField` translates a server path into the form's name path (or null).
 */
export function showFieldErrors(form: FormInstance, error: unknown, mapField: (path: (string | number)[]) => (string | number)[] | null = (p) => p) {
  if (!(error instanceof ApiError)) return;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const d of error.details) {
    if (typeof d.field !== 'string' || !d.field) continue;
    const path = d.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const name = mapField(path);
    if (!name) continue;
    const key = name.join('.');
    const msg = d.message.replace(/^[\w.]+：/, '');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(msg);
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
}
