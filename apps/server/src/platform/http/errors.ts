import type { Language } from './language.ts';

/** A human message in both languages the product speaks. */
export interface Message {
  fa: string;
  en: string;
}

export interface ErrorDefinition extends Message {
  status: number;
}

const registry = new Map<string, ErrorDefinition>();

/**
 * Declares a module's error codes with their HTTP status and fa/en messages. Messages may hold
 * `{name}` placeholders filled from the error's details. Returns the same map so that callers
 * get typed codes: `const E = defineErrors({...}); throw new DomainError(E.x)`.
 */
export function defineErrors<K extends string>(defs: Record<K, ErrorDefinition>): { [P in K]: P } {
  const codes = {} as { [P in K]: P };
  for (const [code, def] of Object.entries(defs) as Array<[K, ErrorDefinition]>) {
    registry.set(code, def);
    codes[code] = code;
  }
  return codes;
}

/** An expected failure of a command or query: mapped at the HTTP edge to `{ code, message, details }`. */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, details: Record<string, unknown> = {}) {
    super(code);
    this.code = code;
    this.details = details;
  }
}

/** Every declared error code with its definition (the i18n test reads them all). */
export function errorDefinitions(): ReadonlyMap<string, ErrorDefinition> {
  return registry;
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return registry.get(code);
}

/**
 * Words that fill a placeholder in the reader's language: `{to:ticket_status}` renders the term
 * `ticket_status.<value of details.to>` (record names, statuses, reasons…), so that a Persian
 * message never carries an English word such as «ticket پیدا نشد». A module declares its terms beside
 * its errors; a value without a term is shown as it is (an interpolated value).
 */
const terms = new Map<string, Map<string, Message>>();

export function defineTerms<K extends string>(kind: string, entries: Record<K, Message>): { [P in K]: P } {
  const family = terms.get(kind) ?? new Map<string, Message>();
  const keys = {} as { [P in K]: P };
  for (const [key, message] of Object.entries(entries) as Array<[K, Message]>) {
    family.set(key, message);
    keys[key] = key;
  }
  terms.set(kind, family);
  return keys;
}

/** Every term family (the i18n sweep renders them all). */
export function termDefinitions(): ReadonlyMap<string, ReadonlyMap<string, Message>> {
  return terms;
}

/** One word in the reader's language; the value itself when it has no term. */
export function term(kind: string, value: unknown, lang: Language): string {
  const found = terms.get(kind)?.get(String(value));
  return found ? found[lang] : String(value);
}

/**
 * Placeholder kinds rendered by code rather than by a word list (a list of validation issues,
 * a list of types). A formatter gets the detail's value and the language.
 */
type Formatter = (value: unknown, lang: Language) => string;
const formatters = new Map<string, Formatter>();

export function defineFormatter(kind: string, format: Formatter): void {
  formatters.set(kind, format);
}

/** Fills `{name}` with a detail as it is and `{name:kind}` with that detail rendered for `lang` (a term or a formatter). */
export function renderTemplate(template: string, lang: Language, details: Record<string, unknown>): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (whole, k: string, kind: string | undefined) => {
    const value = details[k];
    if (value === undefined) return whole;
    if (kind === undefined) return String(value);
    const format = formatters.get(kind);
    return format ? format(value, lang) : term(kind, value, lang);
  });
}

export function renderMessage(code: string, lang: Language, details: Record<string, unknown> = {}): string {
  const def = registry.get(code);
  if (!def) return code;
  return renderTemplate(def[lang], lang, details);
}

export const CommonErrors = defineErrors({
  'request.invalid': { status: 400, fa: 'درخواست نامعتبر است: {issues:issues}', en: 'The request is invalid: {issues:issues}' },
  'request.bad_json': { status: 400, fa: 'بدنه درخواست جِی‌سان معتبر نیست.', en: 'The request body is not valid JSON.' },
  'request.unsupported_media_type': {
    status: 415,
    fa: 'نوع محتوای درخواست پشتیبانی نمی‌شود.',
    en: 'The request content type is not supported.',
  },
  'request.unsupported_charset': {
    status: 415,
    fa: 'بدنه درخواست باید با کدگذاری یوتی‌اف-۸ نوشته شده باشد.',
    en: 'The request body must be encoded in UTF-8.',
  },
  'request.bad_multipart': {
    status: 400,
    fa: 'بدنه چندبخشی درخواست خراب است.',
    en: 'The multipart request body is malformed.',
  },
  'request.bad_url': {
    status: 400,
    fa: 'نشانی درخواست معتبر نیست (نویسه‌های غیرلاتین باید درصدکدگذاری شوند).',
    en: 'The request URL is not valid (non-ASCII characters must be percent-encoded).',
  },
  'request.bad_query': {
    status: 400,
    fa: 'پرس‌وجوی نشانی درصدکدگذاری نادرستی دارد و خوانده نمی‌شود.',
    en: 'The query string holds a malformed percent-encoding and cannot be read.',
  },
  'request.malformed': { status: 400, fa: 'درخواست خراب است و خوانده نمی‌شود.', en: 'The HTTP request is malformed.' },
  'request.headers_too_large': { status: 431, fa: 'سرآیندهای درخواست بیش از حد بزرگ است.', en: 'The request headers are too large.' },
  'request.timeout': {
    status: 408,
    fa: 'درخواست بیش از حد کند رسید و قطع شد.',
    en: 'The request arrived too slowly and was cut off.',
  },
  'request.unstorable_text': {
    status: 400,
    fa: 'متن «{field}» نویسه‌ای دارد که ذخیره‌شدنی نیست (نویسه تهی یا نیمه‌ای تنها از یک جفت جانشین).',
    en: 'The text of "{field}" holds a character that cannot be stored (NUL or a lone UTF-16 surrogate).',
  },
  'request.too_large': { status: 413, fa: 'درخواست بیش از حد بزرگ است.', en: 'The request is too large.' },
  'request.not_found': { status: 404, fa: 'مسیر درخواستی وجود ندارد.', en: 'No such route.' },
  'request.method_not_allowed': { status: 405, fa: 'این روش برای این مسیر مجاز نیست.', en: 'Method not allowed.' },
  'request.rate_limited': { status: 429, fa: 'تعداد درخواست‌ها بیش از حد است.', en: 'Too many requests.' },
  'auth.required': { status: 401, fa: 'ابتدا وارد شوید.', en: 'Please sign in first.' },
  'auth.password_change_required': {
    status: 403,
    fa: 'پیش از ادامه باید گذرواژه خود را تغییر دهید.',
    en: 'You must change your password before continuing.',
  },
  'auth.totp_enrolment_required': {
    status: 403,
    fa: 'مدیران باید پیش از ادامه ورود دومرحله‌ای با برنامهٔ احراز هویت را فعال کنند.',
    en: 'Admins must set up two-step verification (TOTP) before continuing.',
  },
  'auth.csrf': { status: 403, fa: 'نشانه ضدجعل درخواست نامعتبر است یا ارسال نشده.', en: 'The CSRF token is missing or invalid.' },
  'access.forbidden': { status: 403, fa: 'شما اجازه این کار را ندارید.', en: 'You are not allowed to do this.' },
  'record.not_found': { status: 404, fa: '{entity:entity} پیدا نشد.', en: '{entity:entity} not found.' },
  'record.stale': {
    status: 409,
    fa: 'این رکورد در این فاصله تغییر کرده است؛ دوباره بارگذاری کنید.',
    en: 'This record has changed since you loaded it; reload and try again.',
  },
  'record.conflict': { status: 409, fa: 'این مقدار تکراری است: «{field}»', en: 'This value is already taken: "{field}"' },
  'record.invalid_reference': { status: 422, fa: '«{field}» به رکوردی معتبر اشاره نمی‌کند.', en: '"{field}" does not refer to a valid record.' },
  'record.inactive_reference': {
    status: 422,
    fa: '«{field}» به رکوردی غیرفعال اشاره می‌کند؛ رکورد غیرفعال را نمی‌توان تازه به کار گرفت.',
    en: '"{field}" refers to a deactivated record; a deactivated record cannot be newly assigned.',
  },
  'server.error': { status: 500, fa: 'خطای داخلی سرور رخ داد.', en: 'An internal server error occurred.' },
  'server.unavailable': { status: 503, fa: 'سرویس در دسترس نیست.', en: 'The service is unavailable.' },
});

/** Shorthand for the common 404 of a record the actor cannot see or that does not exist. */
export function notFound(entity: string): DomainError {
  return new DomainError(CommonErrors['record.not_found'], { entity });
}

export function forbidden(action?: string): DomainError {
  return new DomainError(CommonErrors['access.forbidden'], action ? { action } : {});
}
