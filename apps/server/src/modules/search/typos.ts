import { editDistance } from '@pishkhan/text';
import type { Kysely } from 'kysely';
import type { SearchIndex, TextQuery } from '../../platform/search/index.ts';

/**
 * Typo tolerance on both databases: a query word that no document holds (not in the lexicon),
 * of at least 4 letters, also matches the lexicon's words within 1 edit (2 from 7 letters) —
 * found by trigrams (PostgreSQL pg_trgm; SQLite an FTS5 trigram table) and picked by edit
 * distance here, the closest 3. Words that exist are never widened, so a correct word finds only itself.
 */
const MIN_LENGTH = 4;
const CANDIDATES = 60;
const KEEP = 3;
const LETTER = /\p{L}/u;

export async function withTypoAlternatives(db: Kysely<any>, index: SearchIndex, text: TextQuery): Promise<TextQuery> {
  const single = text.must.filter((t) => !t.prefix && t.alternatives.length === 1 && t.alternatives[0]!.length === 1);
  const words = single.map((t) => t.alternatives[0]![0]!).filter((w) => [...w].length >= MIN_LENGTH && LETTER.test(w));
  if (words.length === 0) return text;
  const known = await index.knownTerms(db, words);
  const replacements = new Map<string, string[]>();
  for (const word of words) {
    if (known.has(word) || replacements.has(word)) continue;
    const max = [...word].length >= 7 ? 2 : 1;
    const close = (await index.trigramNeighbours(db, word, CANDIDATES))
      .map((candidate) => ({ candidate, d: editDistance(word, candidate, max) }))
      .filter((c) => c.d <= max && c.candidate !== word)
      .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
      .slice(0, KEEP)
      .map((c) => c.candidate);
    replacements.set(word, close);
  }
  return {
    mustNot: text.mustNot,
    must: text.must.map((t) => {
      const alt = single.includes(t) ? replacements.get(t.alternatives[0]![0]!) : undefined;
      return alt && alt.length ? { prefix: false, alternatives: [...t.alternatives, ...alt.map((a) => [a])] } : t;
    }),
  };
}
