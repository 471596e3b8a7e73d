/**
 * Key for matching an email address exactly (e.g. an inbound sender against a requester):
 * trimmed, lower-cased, NFC. Also strips bidi marks at the ends, which ride along when an
 * address is copied out of right-to-left text. Store the address as written.
 */
export function normalizeEmail(s: string): string {
  return s
    .replace(/^[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+|[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/g, '')
    .toLowerCase()
    .normalize('NFC');
}
