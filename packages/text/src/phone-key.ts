import { normalizePhone, type PhoneOptions } from './phone.ts';

/**
 * The search token of a phone number: its E.164 digits without the `+` («۰۹۱۲ ۳۴۵ ۶۷۸۹»,
 * «+98 912 345 6789» and «00989123456789» all give `989123456789`), or null when the input is not
 * a phone number. The index holds this token for every phone of a contact, so a phone written in
 * any digit form or spacing finds the contact.
 */
export function phoneSearchToken(input: string, opts: PhoneOptions = {}): string | null {
  const e164 = normalizePhone(input, opts);
  return e164 === null ? null : e164.slice(1);
}
