import { foldDigits, normalizeEmail, normalizePhone } from '@pishkhan/text';

/**
 * Match keys of a contact's emails and phones. Both are stored as written beside their key, and
 * every lookup (list filters, duplicate checks, inbound mail and SMS) compares keys only.
 */

export function emailKey(email: string): string {
  return normalizeEmail(email);
}

/**
 * E.164 (+98…) when the number parses; otherwise the digits-folded text without spaces, so a
 * foreign or partial number is still found when written the same way.
 */
export function phoneKey(phone: string): string {
  return normalizePhone(phone) ?? foldDigits(phone).replace(/\s+/g, '');
}

/** The first value whose key repeats an earlier one, or undefined. */
export function firstDuplicate(values: readonly string[], key: (v: string) => string): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    const k = key(v);
    if (seen.has(k)) return v;
    seen.add(k);
  }
  return undefined;
}
