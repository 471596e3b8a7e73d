/** Marks and whitespace that ride along when an address is copied out of right-to-left text. */
const EDGE = '[\\s\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]*';
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\p{L}\\p{Nd}\\p{M}]";
const LABEL_CHAR = '[\\p{L}\\p{Nd}\\p{M}]';
const LABEL = `${LABEL_CHAR}(?:[\\p{L}\\p{Nd}\\p{M}\\-]{0,61}${LABEL_CHAR})?`;
/** The top-level label holds a letter: `user@1.2.3.4` is not a practical address. */
const TOP_LABEL = `(?=[\\p{Nd}\\-]*[\\p{L}\\p{M}])${LABEL}`;

/**
 * The one address rule (contacts, agents, sign-in, the CLI), as a Unicode regular expression
 * source: a practical RFC 5322 addr-spec — a dot-atom local part of at most 64 characters (no
 * quotes, brackets, angle brackets, controls or whitespace), `@`, and a domain of one or more
 * labels of letters, digits and inner hyphens (`admin@localhost`, the first admin's default, is
 * one), the last with a letter; Unicode letters allowed (IDN as written). Bidi
 * marks and whitespace at the ends are allowed, as normalizeEmail removes them. The contracts'
 * `EmailAddress` schema carries the same source; a server test keeps the two equal.
 */
export const EMAIL_ADDRESS_PATTERN = `^${EDGE}(?=[^@]{1,64}@)${ATEXT}+(?:\\.${ATEXT}+)*@(?:${LABEL}\\.)*${TOP_LABEL}${EDGE}$`;

const EMAIL_ADDRESS = new RegExp(EMAIL_ADDRESS_PATTERN, 'u');

/** Whether text is an email address by the one rule (EMAIL_ADDRESS_PATTERN), at most 320 characters. */
export function isEmailAddress(s: string): boolean {
  return s.length <= 320 && EMAIL_ADDRESS.test(s);
}

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
