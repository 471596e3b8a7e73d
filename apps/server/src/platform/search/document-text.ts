import { tokenize } from '@pishkhan/text';
import type { SearchDocument } from './types.ts';

/** The four fields of a document, in the order both drivers index them. */
export const FIELDS = ['title', 'meta', 'body', 'internal'] as const;
export type Field = (typeof FIELDS)[number];

/** Each field's search tokens (packages/text `tokenize`: the one normalisation). */
export function fieldTokens(doc: SearchDocument): Record<Field, string[]> {
  return { title: tokenize(doc.title), meta: tokenize(doc.meta), body: tokenize(doc.body), internal: tokenize(doc.internal) };
}

const LETTER = /\p{L}/u;

/** Words worth keeping in the typo lexicon: with a letter, 3 to 40 characters. */
export function lexiconWords(tokens: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of tokens) if (t.length >= 3 && t.length <= 40 && LETTER.test(t)) out.add(t);
  return [...out];
}

/** The padded trigrams of a word, as pg_trgm pads them (two spaces before, one after), so both dialects compare alike. */
export function trigrams(word: string): string[] {
  const chars = [' ', ' ', ...word, ' '];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}

/** The padded form stored in SQLite's trigram table (its tokenizer indexes every three characters, spaces too). */
export function paddedWord(word: string): string {
  return `  ${word} `;
}
