import { sql, type Kysely } from 'kysely';
import type { TextQuery } from '../types.ts';

/**
 * How common each word is, as PostgreSQL's own statistics say (`pg_stats.most_common_elems` of
 * `search_entries.tsv`: the lexemes that more than about 0.1 % of the entries in analyze's sample
 * hold, with their shares). A ticket filter's text condition must choose its SQL form before it is
 * compiled (synchronously), and the planner cannot: given a probe of each ticket's own entry it walks
 * the list's sort order for a rare word too (6 tickets of 200,000: 2.5 s), given the set of matches
 * it builds the whole set for a common one (a word in 10 %: 0.3–1 s at 200,000 tickets). So the
 * shares are kept in memory per database, read again in the background at most every REFRESH_MS.
 */
const REFRESH_MS = 5 * 60_000;

interface Shares {
  at: number;
  byTerm: ReadonlyMap<string, number>;
  loading: boolean;
}

const cache = new WeakMap<Kysely<any>, Shares>();

/** The shares known now (empty until the first read has come back); starts a background read when stale. */
export function termShares(db: Kysely<any>): ReadonlyMap<string, number> {
  let entry = cache.get(db);
  if (!entry) cache.set(db, (entry = { at: 0, byTerm: new Map(), loading: false }));
  if (!entry.loading && Date.now() - entry.at > REFRESH_MS) void refreshTermShares(db);
  return entry.byTerm;
}

/** Reads the shares now (tests, and the background refresh); a failed read keeps what was known. */
export async function refreshTermShares(db: Kysely<any>): Promise<void> {
  let entry = cache.get(db);
  if (!entry) cache.set(db, (entry = { at: 0, byTerm: new Map(), loading: false }));
  entry.loading = true;
  try {
    const row = await sql<{ elems: string[] | null; freqs: number[] | null }>`
      select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs from pg_stats
      where schemaname = current_schema() and tablename = 'search_entries' and attname = 'tsv'`.execute(db);
    const { elems, freqs } = row.rows[0] ?? { elems: null, freqs: null };
    entry.byTerm = new Map((elems ?? []).map((term, i) => [term, Number(freqs?.[i] ?? 0)]));
  } catch {
    // Statistics are an optimisation: without them every text condition takes the set form.
  } finally {
    entry.at = Date.now();
    entry.loading = false;
  }
}

/**
 * The share of entries expected to match the must terms: the product of their shares (a term's
 * alternatives add up, a phrase's words multiply). A word the statistics do not list, or a prefix,
 * counts as rare (0): the set form is the safe one, slow only for words common enough to be listed.
 */
export function expectedShare(query: TextQuery, shares: ReadonlyMap<string, number>): number {
  if (query.must.length === 0) return 0;
  let share = 1;
  for (const term of query.must) {
    if (term.prefix) return 0;
    const alternatives = term.alternatives.map((tokens) => tokens.reduce((s, token) => s * (shares.get(token) ?? 0), 1));
    share *= Math.min(1, alternatives.reduce((a, b) => a + b, 0));
  }
  return share;
}

/**
 * Shares measured for whole queries (the ticket list's `q`, before its filter is compiled): how many
 * of the newest tickets match, which no statistics can say of a phrase or of words that go together
 * («صندوق پستی»: 8.3 % of tickets, its words' shares multiplied 0.8 %). Kept per database for
 * REFRESH_MS, at most MAX_MEASURED queries.
 */
const MAX_MEASURED = 1_000;
const measured = new WeakMap<Kysely<any>, Map<string, { share: number; at: number }>>();

export function measuredShare(db: Kysely<any>, key: string): number | undefined {
  const hit = measured.get(db)?.get(key);
  return hit && Date.now() - hit.at <= REFRESH_MS ? hit.share : undefined;
}

export function rememberShare(db: Kysely<any>, key: string, share: number): void {
  let byQuery = measured.get(db);
  if (!byQuery) measured.set(db, (byQuery = new Map()));
  byQuery.delete(key);
  byQuery.set(key, { share, at: Date.now() });
  // Oldest first out: a Map iterates in insertion order.
  if (byQuery.size > MAX_MEASURED) byQuery.delete(byQuery.keys().next().value!);
}
