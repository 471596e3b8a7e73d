/**
 * Text the databases cannot store: U+0000 (PostgreSQL refuses it in text) and lone UTF-16
 * surrogates (not encodable as UTF-8). The HTTP edge refuses such input (400); channels that
 * cannot refuse (mail, SMS) store it with U+FFFD and keep the raw input beside it.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function hasUnstorableText(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text);
}

/** The text with every unstorable code unit replaced by U+FFFD; the same string when there is none. */
export function toStorableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
