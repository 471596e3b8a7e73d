import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { fieldTokens, FIELDS, lexiconWords, type Field } from '../document-text.ts';
import { docId, kindCode, rankWindow, SEARCH_KINDS, type SearchDocument, type SearchIndex, type SearchRequest, type TextQuery, type TextTerm } from '../types.ts';
import { weightedHits } from '../weighted.ts';
import { expectedShare, measuredShare, rememberShare, termShares } from './postgres-term-shares.ts';

/**
 * PostgreSQL driver: one `tsvector` per document (`search_entries.tsv`, GIN index) written as a
 * literal from the normalised tokens — so the 'simple' configuration's parser never re-splits
 * Persian — with weights A title, B identifiers, C public text, D internal notes, and a gap of
 * positions between fields so that no phrase spans two. A query restricts its lexemes to A–C
 * unless internal notes may match. Ranking: ts_rank over the newest RANK_WINDOW matches in scope
 * (ADR 0028), recent first on ties. Typos: pg_trgm over
 * the lexicon `search_terms` (GIN gin_trgm_ops). Contacts and organisations have a GIN of their own
 * entries (partial, `kind = …`), so their searches never read the tickets' postings.
 */

const CHUNK = 200;
const WEIGHT: Record<Field, string> = { title: 'A', meta: 'B', body: 'C', internal: 'D' };
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_LEXEME = 500;

/** The schema (migration 202612021300): pg_trgm, the tsvector column and its GIN index, the lexicon's trigram index. */
export async function createPostgresSearchSchema(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`alter table search_entries add column tsv tsvector not null default ''`.execute(db);
  await sql`create index search_entries_tsv on search_entries using gin (tsv)`.execute(db);
  await sql`create index search_terms_trgm on search_terms using gin (term gin_trgm_ops)`.execute(db);
}

export async function dropPostgresSearchSchema(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists search_terms_trgm`.execute(db);
}

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsvector literal of a document: every token with its positions and its field's weight. */
export function tsvectorLiteral(doc: SearchDocument): string {
  const tokens = fieldTokens(doc);
  const positions = new Map<string, string[]>();
  let at = 1;
  for (const field of FIELDS) {
    for (const token of tokens[field]) {
      if (token.length <= MAX_LEXEME) {
        const list = positions.get(token) ?? positions.set(token, []).get(token)!;
        if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(at, MAX_POSITION)}${WEIGHT[field]}`);
      }
      at++;
    }
    at += 10;
  }
  return [...positions].map(([t, p]) => `${lexeme(t)}:${p.join(',')}`).join(' ');
}

function restricted(token: string, prefix: boolean, internal: boolean): string {
  const flags = `${prefix ? '*' : ''}${internal ? '' : 'ABC'}`;
  return flags ? `${lexeme(token)}:${flags}` : lexeme(token);
}

function termQuery(term: TextTerm, internal: boolean): string {
  const alts = term.alternatives.map((tokens) => {
    const parts = tokens.map((t, i) => restricted(t, term.prefix && i === tokens.length - 1, internal));
    return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
  });
  return alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`;
}

/** The tsquery literal of the must terms without the mustNot terms; null when there is no must term. */
export function tsQuery(query: TextQuery, internal: boolean): string | null {
  if (query.must.length === 0) return null;
  const must = query.must.map((t) => termQuery(t, internal)).join(' & ');
  if (query.mustNot.length === 0) return must;
  return `(${must}) & !(${query.mustNot.map((t) => termQuery(t, internal)).join(' | ')})`;
}

function negativeQuery(query: TextQuery, internal: boolean): string {
  return query.mustNot.map((t) => termQuery(t, internal)).join(' | ');
}

function scopeSql(request: { scope?: SearchRequest['scope'] }, ref: RawBuilder<number>): Expression<any> {
  return request.scope ? request.scope(ref) : sql`true`;
}

/**
 * The newest window of a kind's matches in scope. The kind is a literal, never a parameter, so the
 * planner can take a contact's or organisation's own partial GIN (migration 202612050700): their
 * few entries instead of the whole index's postings, which for a word common in tickets cost
 * 30–140 ms at a million tickets for a contact search that finds nothing. `range` narrows it to a
 * span of doc ids (the tickets' recent span, below).
 */
export function windowCandidates(request: Pick<SearchRequest, 'kind' | 'offset' | 'limit' | 'scope'>, q: string, range: Expression<any> = sql`true`): RawBuilder<unknown> {
  return sql`select e.doc_id from search_entries e
    where e.kind = ${sql.lit(request.kind)} and e.tsv @@ ${q}::tsquery and ${scopeSql(request, sql<number>`e.ref_id`)} and ${range}
    order by e.doc_id desc limit ${rankWindow(request.offset, request.limit)}`;
}

/**
 * How many of the newest tickets a ticket search looks at first. Every query carries a weight
 * restriction (or a phrase), so PostgreSQL rechecks the stored tsvector of each row the GIN's bitmap
 * yields, before any LIMIT: over the whole index that is every row holding the words — for the
 * phrase «صندوق پستی» at a million tickets 83,150 rows. The newest window of a word held by more
 * than a few percent of tickets lies among the newest few thousand of them, so the first look ANDs
 * the bitmap with this span of the primary key and rechecks only the rows there; the older entries
 * are read only when it finds fewer than the window (a rare word: few rows either way).
 */
export const RECENT_TICKETS = 20_000;

/**
 * The ticket window in two looks: the recent span, then — only when it fell short of the window —
 * the older entries. Two statements rather than one with a gated second look: PostgreSQL starts a
 * gated parallel scan's workers before its one-time filter says no (5–8 ms, more under load).
 */
export async function ticketWindow(db: Kysely<any>, request: Pick<SearchRequest, 'kind' | 'offset' | 'limit' | 'scope'>, q: string, recentFrom: number): Promise<number[]> {
  const window = rankWindow(request.offset, request.limit);
  const from = sql.lit(recentFrom);
  const recent = await docIds(db, windowCandidates(request, q, sql`e.doc_id > ${from}`));
  if (recent.length >= window) return recent;
  return [...recent, ...(await docIds(db, windowCandidates(request, q, sql`e.doc_id <= ${from}`)))].slice(0, window);
}

async function docIds(db: Kysely<any>, query: RawBuilder<unknown>): Promise<number[]> {
  return ((await query.execute(db)).rows as { doc_id: number | string }[]).map((r) => Number(r.doc_id));
}

/** Where the tickets' recent span starts: the newest ticket entry's doc id less RECENT_TICKETS tickets. */
async function recentTicketsFrom(db: Kysely<any>): Promise<number> {
  const row = await sql<{ top: number | null }>`select max(doc_id) as top from search_entries where kind = 'ticket'`.execute(db);
  return Number(row.rows[0]?.top ?? 0) - docId('ticket', RECENT_TICKETS) + docId('ticket', 0);
}

/** Each kind but the tickets (nearly every entry, the whole index serves them) has a GIN of its own entries. */
export const OWN_GIN_KINDS = SEARCH_KINDS.filter((kind) => kind !== 'ticket');

/**
 * The expected share of entries above which a ticket filter probes each ticket's own entry instead
 * of building the set of matches: a list page of 25 then walks about 25 / share tickets (2,500 at
 * 1 %, a few milliseconds), where the set would hold a percent of the desk (10,000 entries at a
 * million tickets, each a heap fetch). At 200,000 tickets, analyst in 3 groups: a word in 10 % 955 →
 * 14 ms, «و» 597 → 2 ms; a word 6 tickets hold stays on the set (5 ms; probing walked 2.5 s).
 */
export const COMMON_SHARE = 0.01;

export async function createPostgresKindIndexes(db: Kysely<any>): Promise<void> {
  for (const kind of OWN_GIN_KINDS) await sql`create index ${sql.id(`search_entries_tsv_${kind}`)} on search_entries using gin (tsv) where kind = ${sql.lit(kind)}`.execute(db);
}

export async function dropPostgresKindIndexes(db: Kysely<any>): Promise<void> {
  for (const kind of OWN_GIN_KINDS) await sql`drop index if exists ${sql.id(`search_entries_tsv_${kind}`)}`.execute(db);
}

export const postgresSearchIndex: SearchIndex = {
  async upsert(db, docs) {
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      const rows = chunk.map((doc) => sql`(${docId(doc.kind, doc.id)}, ${doc.kind}, ${doc.id}, ${doc.updatedAt}, ${tsvectorLiteral(doc)}::tsvector)`);
      await sql`insert into search_entries(doc_id, kind, ref_id, updated_at, tsv) values ${sql.join(rows)}
        on conflict(doc_id) do update set updated_at = excluded.updated_at, tsv = excluded.tsv`.execute(db);
      const words = lexiconWords(chunk.flatMap((doc) => Object.values(fieldTokens(doc)).flat()));
      for (let j = 0; j < words.length; j += 1000) {
        const part = words.slice(j, j + 1000).sort();
        await sql`insert into search_terms(term) values ${sql.join(part.map((w) => sql`(${w})`))} on conflict do nothing`.execute(db);
      }
    }
  },

  async remove(db, kind, ids) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const keys = ids.slice(i, i + CHUNK).map((id) => docId(kind, id));
      await sql`delete from search_entries where doc_id in (${sql.join(keys)})`.execute(db);
    }
  },

  async search(db, request) {
    const q = tsQuery(request.query, request.internal);
    const ref = sql<number>`e.ref_id`;
    if (q === null) {
      const without = request.query.mustNot.length ? sql`not (e.tsv @@ ${negativeQuery(request.query, request.internal)}::tsquery)` : sql`true`;
      const rows = await sql<{ ref_id: number; updated_at: number }>`
        select e.ref_id, e.updated_at from search_entries e
        where e.kind = ${request.kind} and ${scopeSql(request, ref)} and ${without}
        order by e.updated_at desc, e.ref_id desc limit ${request.limit} offset ${request.offset}`.execute(db);
      return rows.rows.map((r) => ({ kind: request.kind, id: Number(r.ref_id), score: 0, updatedAt: Number(r.updated_at) }));
    }
    // ts_rank reads each candidate's whole tsvector: only the newest window of matches in scope is ranked.
    // The planner picks the plan from the tsvector statistics (most_common_elems): a common word walks
    // the primary key backwards and stops at the window; a rare one takes the GIN bitmap and sorts its few
    // matches. Forcing the bitmap for all (`doc_id + 0`) made «و» 55 → 271 ms at 100,000 tickets.
    const candidates =
      request.kind === 'ticket'
        ? sql`select unnest(${await ticketWindow(db, request, q, await recentTicketsFrom(db))}::bigint[]) as doc_id`
        : windowCandidates(request, q);
    const rows = await sql<{ ref_id: number; updated_at: number; score: number }>`
      with candidates as (${candidates})
      select e.ref_id, e.updated_at, round(ts_rank(e.tsv, ${q}::tsquery)::numeric, 6)::float8 as score
      from candidates c join search_entries e on e.doc_id = c.doc_id
      order by score desc, e.updated_at desc, e.ref_id desc limit ${request.limit} offset ${request.offset}`.execute(db);
    return rows.rows.map((r) => ({ kind: request.kind, id: Number(r.ref_id), score: Number(r.score), updatedAt: Number(r.updated_at) }));
  },

  matchingIds(kind, query, internal) {
    const q = tsQuery(query, internal);
    if (q === null) {
      if (query.mustNot.length === 0) return sql<number>`(select ref_id from search_entries where false)`;
      return sql<number>`(select ref_id from search_entries where kind = ${kind} and not (tsv @@ ${negativeQuery(query, internal)}::tsquery))`;
    }
    return sql<number>`(select ref_id from search_entries where kind = ${kind} and tsv @@ ${q}::tsquery)`;
  },

  async measureTicketMatch(db, query) {
    const key = tsQuery(query, true);
    if (key === null || measuredShare(db, key) !== undefined) return;
    // Enough to tell common from rare: COMMON_SHARE of the recent span, counted there (its bitmap ANDed with the span's range).
    const cap = Math.ceil(COMMON_SHARE * RECENT_TICKETS);
    const row = await sql<{ n: number }>`select count(*)::int as n from (select 1 from search_entries e
      where e.kind = 'ticket' and e.doc_id > ${sql.lit(await recentTicketsFrom(db))} and e.tsv @@ ${key}::tsquery limit ${sql.lit(cap)}) x`.execute(db);
    rememberShare(db, key, Number(row.rows[0]?.n ?? 0) / RECENT_TICKETS);
  },

  ticketMatch(db, ref, query, internal) {
    const q = tsQuery(query, internal);
    const key = tsQuery(query, true);
    const share = key === null ? 0 : (measuredShare(db, key) ?? expectedShare(query, termShares(db)));
    if (q !== null && share >= COMMON_SHARE) {
      // The ticket's own entry by its doc id (docId: id × 4 + the kind's code), through the primary key.
      return sql<SqlBool>`exists (select 1 from search_entries s where s.doc_id = ${ref} * 4 + ${sql.lit(kindCode('ticket'))} and s.tsv @@ ${q}::tsquery)`;
    }
    return sql<SqlBool>`${ref} in ${postgresSearchIndex.matchingIds('ticket', query, internal)}`;
  },

  async knownTerms(db, tokens) {
    if (tokens.length === 0) return new Set();
    const rows = await sql<{ term: string }>`select term from search_terms where term in (${sql.join([...tokens])})`.execute(db);
    return new Set(rows.rows.map((r) => r.term));
  },

  async trigramNeighbours(db, token, limit) {
    const rows = await sql<{ term: string }>`select term from search_terms where term % ${token} order by similarity(term, ${token}) desc, term limit ${limit}`.execute(db);
    return rows.rows.map((r) => r.term);
  },

  async documentFrequency(db, kind, tokens, cap) {
    const out = new Map<string, number>();
    for (const token of tokens) {
      const row = await sql<{ n: number }>`select count(*)::int as n from (select 1 from search_entries where kind = ${kind} and tsv @@ ${restricted(token, false, false)}::tsquery limit ${cap}) x`.execute(db);
      out.set(token, Number(row.rows[0]?.n ?? 0));
    }
    return out;
  },

  weighted(db, request) {
    const ref = sql<number>`e.ref_id`;
    return weightedHits(async (token, cap) => {
      const rows = await sql<{ ref_id: number; updated_at: number }>`
        select e.ref_id, e.updated_at from search_entries e
        where e.kind = ${request.kind} and e.tsv @@ ${restricted(token, false, request.internal)}::tsquery and ${scopeSql(request, ref)} limit ${cap}`.execute(db);
      return rows.rows.map((r) => ({ id: Number(r.ref_id), updatedAt: Number(r.updated_at) }));
    }, request);
  },

  async count(db, kind) {
    const row = await sql<{ n: number }>`select count(*)::int as n from search_entries where kind = ${kind}`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  },
};
