/** Markup that is already safe: produced by `html`, or by a trusted generator (the QR and outline SVGs). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => entities[c]);
}

/** Marks markup as safe. Only for strings the platform generated itself, never for stored text. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export type HtmlPart = SafeHtml | string | number | null | undefined | false | readonly HtmlPart[];

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof SafeHtml) return part.value;
  return esc(part);
}

/**
 * The one way pages are written: every interpolated value is escaped unless it is SafeHtml, so a
 * grid named `<img src=x>` prints as text. Arrays are joined; null, undefined and false print nothing.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
