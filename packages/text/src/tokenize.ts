/**
 * Words for the search index. Tokens are cut from the search key, so a text and its key give the
 * same tokens, and every spelling that reaches one key reaches the same tokens.
 */
import { normalizeForSearch } from './search-key.ts';

/** Anything but letters, combining marks and digits separates words: spaces and punctuation, Persian ، ؛ ؟ « » too. */
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * The normalised words of `text`, in order (repeats kept, for phrases and positions). Compounds
 * are one token however they were written: ZWNJ, space or nothing between «می»/«نمی»/«بی» and a
 * verb or noun, or before «ها»/«تر»/«ترین» (see `normalizeForSearch`), so «می‌شود», «میشود» and
 * «می شود» are all the token «میشود». Digits are ASCII, and digits beside Persian letters are a
 * token of their own; «4.8» gives «4» and «8».
 */
export function tokenize(text: string): string[] {
  return normalizeForSearch(text).split(SEPARATORS).filter((t) => t !== '');
}
