/**
 * Email templates are text with {{placeholders}}, never markup. `renderTemplate` fills them in
 * twice: as plain text, and as HTML in which the template's own text and every value are escaped
 * (a ticket title like `<script>` arrives as text), links become anchors, and Persian mail is
 * right-to-left. Pure: no I/O.
 */

export type TemplateValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholder names a template text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) seen.add(m[1]!);
  return [...seen];
}

/** Names used in `texts` that are not among `allowed`. */
export function unknownPlaceholders(texts: readonly string[], allowed: readonly string[]): string[] {
  const ok = new Set(allowed);
  return [...new Set(texts.flatMap(placeholdersIn))].filter((n) => !ok.has(n));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A value is a link when its placeholder ends in "Link" and it is an http(s) URL; anything else stays text. */
function isLink(name: string, value: string): boolean {
  return name.endsWith('Link') && /^https?:\/\/[^\s<>"']+$/i.test(value);
}

function fill(text: string, values: TemplateValues, each: (literal: string) => string, value: (name: string, v: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += each(text.slice(last, m.index));
    const v = values[m[1]!];
    out += v === undefined ? '' : value(m[1]!, v);
    last = m.index! + m[0].length;
  }
  return out + each(text.slice(last));
}

/** Plain text: placeholders replaced as they are (an unknown one becomes empty). */
export function renderText(text: string, values: TemplateValues): string {
  return fill(text, values, (s) => s, (_n, v) => v);
}

/** A subject line: one line, placeholders filled, whitespace folded (a title with a newline cannot add a header). */
export function renderSubject(text: string, values: TemplateValues): string {
  return renderText(text, values).replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * The HTML alternative: paragraphs at blank lines, <br> at line ends, every literal and value
 * escaped, link values as anchors; `dir` and `lang` on the document for the language.
 */
export function renderHtml(text: string, values: TemplateValues, language: 'fa' | 'en'): string {
  const body = fill(
    text,
    values,
    escapeHtml,
    (name, v) => (isLink(name, v) ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v)),
  );
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>`);
  const dir = language === 'fa' ? 'rtl' : 'ltr';
  const align = language === 'fa' ? 'right' : 'left';
  return (
    `<!DOCTYPE html>\n<html lang="${language}" dir="${dir}">\n<head><meta charset="utf-8"></head>\n` +
    `<body dir="${dir}" style="direction:${dir};text-align:${align};font-family:Vazirmatn,Tahoma,Arial,sans-serif;line-height:1.7">\n` +
    `${paragraphs.join('\n')}\n</body>\n</html>\n`
  );
}

export interface RenderedTemplate {
  subject: string;
  text: string;
  html: string;
}

export function renderTemplate(template: { subject: string; body: string }, values: TemplateValues, language: 'fa' | 'en'): RenderedTemplate {
  return { subject: renderSubject(template.subject, values), text: renderText(template.body, values), html: renderHtml(template.body, values, language) };
}
