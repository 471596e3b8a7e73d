import type { Expression, Kysely, SqlBool } from 'kysely';

/** The kinds of record the index holds. */
export const SEARCH_KINDS = ['ticket', 'contact', 'organization'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * A record's text as the index takes it: the ORIGINAL text of each field (the port normalises it
 * with packages/text; what people wrote is never changed). `internal` is desk-only text (internal
 * notes): matched only when a search allows it.
 */
export interface SearchDocument {
  kind: SearchKind;
  id: number;
  title: string;
  /** Public text: description, public replies. */
  body: string;
  /** Desk-only text: internal notes. */
  internal: string;
  /** Identifiers: ticket number, requester, emails, phones. */
  meta: string;
  /** Recent first on equal rank. */
  updatedAt: number;
}

/** One term of a text query: alternatives (OR), each a sequence of search tokens (a phrase when longer than one). */
export interface TextTerm {
  alternatives: string[][];
  /** The last token of each alternative is a prefix (`word*`). */
  prefix: boolean;
}

/** The text part of a query: every `must` term and none of the `mustNot` terms. */
export interface TextQuery {
  must: TextTerm[];
  mustNot: TextTerm[];
}

/** Which records a search may return: a where-expression over the hit's record id (the module composes its policy here). */
export type SearchScope = (refId: Expression<number>) => Expression<SqlBool>;

export interface SearchRequest {
  kind: SearchKind;
  query: TextQuery;
  /** Whether desk-only text (internal notes) may match. */
  internal: boolean;
  scope?: SearchScope;
  limit: number;
  offset: number;
}

/**
 * How many matches a worded search ranks (ADR 0028): the newest RANK_WINDOW records in the request's
 * scope that match (newest by record id, i.e. by creation); a page reaching further ranks the next
 * multiple of it. Ranking every match cost ~5 µs a match on SQLite: 0.6–1 s for «و»'s 865,421 at a
 * million tickets. Fewer matches than this: every one is ranked, exactly as before.
 */
export const RANK_WINDOW = 500;

/** The window a page is ranked in: pages inside one multiple of RANK_WINDOW share it, so they neither repeat nor skip a hit. */
export function rankWindow(offset: number, limit: number): number {
  return Math.max(1, Math.ceil((offset + limit) / RANK_WINDOW)) * RANK_WINDOW;
}

/** A ranked hit: higher score is better (each driver maps its own rank onto this). */
export interface SearchHit {
  kind: SearchKind;
  id: number;
  score: number;
  updatedAt: number;
}

/** A weighted OR of tokens (similar tickets): the score is the sum of the weights of the tokens a document holds. */
export interface WeightedTokens {
  kind: SearchKind;
  tokens: ReadonlyArray<{ token: string; weight: number }>;
  internal: boolean;
  scope?: SearchScope;
  limit: number;
}

/**
 * The search port (platform/search). One driver per dialect (drivers/sqlite.ts: FTS5;
 * drivers/postgres.ts: tsvector 'simple' + GIN, pg_trgm for typos). Every method takes the
 * connection or transaction to work in, so the index changes in the caller's transaction.
 */
export interface SearchIndex {
  /** Writes (or replaces) documents; also records their words in the lexicon used for typos. */
  upsert(db: Kysely<any>, docs: readonly SearchDocument[]): Promise<void>;
  remove(db: Kysely<any>, kind: SearchKind, ids: readonly number[]): Promise<void>;
  /** Ranked hits (best first; recent first on equal rank) among the newest RANK_WINDOW matches in scope. A query with no `must` term lists the scope's documents (without the `mustNot` terms), recent first. */
  search(db: Kysely<any>, request: SearchRequest): Promise<SearchHit[]>;
  /** The record ids of `kind` matching `query`, as a sub-select (for `tickets.id in (…)` inside a filter). */
  matchingIds(kind: SearchKind, query: TextQuery, internal: boolean): Expression<number>;
  /**
   * That the ticket `ref` matches `query` (the ticket filter's `text` field): `ref` in the set of
   * matching ids, or — on PostgreSQL, where its statistics call the words common — a probe of that
   * ticket's own entry, so a list sorted by another column stops at its page instead of first
   * building a set of a tenth of the desk. `db` is where the driver refreshes what it knows of the
   * words (in the background); the condition itself runs wherever the caller's query does.
   */
  ticketMatch(db: Kysely<any>, ref: Expression<number>, query: TextQuery, internal: boolean): Expression<SqlBool>;
  /**
   * Before a ticket filter with `query` is compiled (the list's `q`): measures, where the driver
   * chooses ticketMatch's form, how common the match is among the newest tickets, so the choice
   * rests on the query itself rather than on its words' statistics (a phrase's words multiplied
   * underestimate it tenfold). Remembered per query for a few minutes.
   */
  measureTicketMatch(db: Kysely<any>, query: TextQuery): Promise<void>;
  /** Which of the tokens some document holds (the lexicon). */
  knownTerms(db: Kysely<any>, tokens: readonly string[]): Promise<Set<string>>;
  /** Lexicon words that share trigrams with `token` (typo candidates; the caller picks by edit distance). */
  trigramNeighbours(db: Kysely<any>, token: string, limit: number): Promise<string[]>;
  /** How many documents of `kind` hold each token (public text), counting at most `cap`. */
  documentFrequency(db: Kysely<any>, kind: SearchKind, tokens: readonly string[], cap: number): Promise<Map<string, number>>;
  /** Documents of `kind` scored by the weights of the tokens they hold (best first). */
  weighted(db: Kysely<any>, request: WeightedTokens): Promise<SearchHit[]>;
  count(db: Kysely<any>, kind: SearchKind): Promise<number>;
}

const KIND_CODE: Record<SearchKind, number> = { ticket: 1, contact: 2, organization: 3 };
const CODE_KIND: Record<number, SearchKind> = { 1: 'ticket', 2: 'contact', 3: 'organization' };

/** A document's key in both drivers: the record id times 4 plus its kind's code (one integer, no mapping table). */
export function docId(kind: SearchKind, id: number): number {
  return id * 4 + KIND_CODE[kind];
}

export function kindCode(kind: SearchKind): number {
  return KIND_CODE[kind];
}

export function kindOfCode(code: number): SearchKind {
  return CODE_KIND[code]!;
}
