/**
 * Words for the search index. Tokens are cut from the search key, so a text and its key give the
 * same tokens, and every spelling that reaches one key reaches the same tokens.
 */
import { normalizeForSearch } from './search-key.ts';

const WORD = /^[\p{L}\p{M}\p{N}]$/u;
/** Per UTF-16 unit of the BMP: 0 not yet known, 1 part of a word, 2 a separator. */
const KIND = new Uint8Array(0x10000);

/** Whether the code point at `i` is a letter, mark or digit; a regex per character is slow on long texts, so the BMP answer is kept. */
function isWordAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return WORD.test(String.fromCodePoint(s.codePointAt(i)!));
  let k = KIND[c]!;
  if (k === 0) KIND[c] = k = WORD.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/**
 * The normalised words of `text`, in order (repeats kept, for phrases and positions). Anything
 * but letters, combining marks and digits separates words: spaces and punctuation, Persian ، ؛ ؟
 * « » too. Compounds are one token however they were written: ZWNJ, space or nothing between
 * «می»/«نمی»/«بی» and a verb or noun, or before «ها»/«تر»/«ترین» (see `normalizeForSearch`), so
 * «می‌شود», «میشود» and «می شود» are all the token «میشود». Digits are ASCII, and digits beside
 * Persian letters are a token of their own; «4.8» gives «4» and «8».
 */
export function tokenize(text: string): string[] {
  const s = normalizeForSearch(text);
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const word = isWordAt(s, i);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      tokens.push(s.slice(start, i));
      start = -1;
    }
    if (s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) i++;
  }
  if (start >= 0) tokens.push(s.slice(start));
  return tokens;
}
