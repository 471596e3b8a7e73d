import { foldDigits } from './digits.ts';

/**
 * What people put between digits: whitespace, dashes, dots, parentheses, plus the invisible
 * bidi marks and ZWNJ that come along when a number is copied out of right-to-left text.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** An Iranian national significant number: 10 digits, no trunk 0 (9xx… mobile, 21… Tehran). */
const IRANIAN_NSN = /^[1-9]\d{9}$/;

export interface PhoneOptions {
  /** Country assumed for numbers written without one. Only Iran is supported for now. */
  defaultCountry?: '98';
}

/**
 * Parse a phone number as people write it into E.164 (`+98…`) so two spellings of one number
 * compare equal; null when the input is not a plausible phone number. Accepts Persian/Arabic
 * digits; `+98`, `0098`, `98`, a trunk `0` (09121234567, 02188776655) or a bare mobile
 * (9121234567); and other countries only with an explicit `+`/`00` (8–15 digits).
 */
export function normalizePhone(input: string, opts: PhoneOptions = {}): string | null {
  const cc = opts.defaultCountry ?? '98';
  const m = /^(\+|00)?(\d+)$/.exec(foldDigits(input).replace(SEPARATORS, ''));
  if (!m) return null;
  const international = m[1] !== undefined;
  const digits = m[2] ?? '';

  if (digits.startsWith(cc) && (international || digits.length > 10)) {
    return iranian(cc, digits.slice(cc.length));
  }
  if (international) return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
  if (digits.startsWith('0')) return iranian(cc, digits.slice(1));
  // Without a prefix only a mobile is unambiguous; a bare landline could be anything.
  return digits.length === 10 && digits.startsWith('9') ? iranian(cc, digits) : null;
}

/** `rest` follows the country code; a stray trunk 0 ("+98 (0) 912…") is tolerated. */
function iranian(cc: string, rest: string): string | null {
  const nsn = rest.length === 11 && rest.startsWith('0') ? rest.slice(1) : rest;
  return IRANIAN_NSN.test(nsn) ? `+${cc}${nsn}` : null;
}

/**
 * True for an E.164 Iranian mobile (+98 9xx xxx xxxx), i.e. one that can receive SMS.
 * Checks the shape only, not operator prefix allocation, so new MVNO ranges keep working.
 */
export function isIranianMobile(e164: string): boolean {
  return /^\+989\d{9}$/.test(e164);
}
