import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { fieldTokens, lexiconWords, paddedWord, trigrams } from '../document-text.ts';
import { weightedHits } from '../weighted.ts';
import { docId, kindCode, rankWindow, type SearchIndex, type SearchRequest, type TextQuery, type TextTerm } from '../types.ts';

/**
 * SQLite driver: a contentless FTS5 table (`search_fts`, contentless_delete) over the normalised
 * tokens of each field — the original text stays in its module's tables — ranked with bm25
 * (title ×8, identifiers ×4, text ×1) over the newest RANK_WINDOW matches the reader may see
 * (ADR 0028), ties broken by `search_entries.updated_at`. The lexicon
 * `search_terms` has a trigram FTS5 companion (`search_terms_grams`) for typo candidates.
 * Row id = record id × 4 + kind code (types.ts docId).
 */

const CHUNK = 200;
const BM25 = 'bm25(search_fts, 8.0, 4.0, 1.0, 1.0)';


/** The schema (migration 202612021300): FTS5 tables next to the portable search_entries and search_terms. */
export async function createSqliteSearchSchema(db: Kysely<any>): Promise<void> {
  await sql`create virtual table search_fts using fts5(title, meta, body, internal, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  await sql`create virtual table search_terms_grams using fts5(term, tokenize='trigram')`.execute(db);
}

export async function dropSqliteSearchSchema(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists search_fts`.execute(db);
  await sql`drop table if exists search_terms_grams`.execute(db);
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function termExpression(term: TextTerm): string {
  const alts = term.alternatives.map((tokens) => `${quote(tokens.join(' '))}${term.prefix ? '*' : ''}`);
  return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
}

/** The FTS5 query of the must terms (AND) without the mustNot terms; null when there is no must term. */
export function ftsQuery(query: TextQuery, internal: boolean): string | null {
  if (query.must.length === 0) return null;
  let q = query.must.map(termExpression).join(' AND ');
  if (query.mustNot.length) q = `(${q}) NOT (${query.mustNot.map(termExpression).join(' OR ')})`;
  return internal ? q : `{title meta body} : (${q})`;
}

function negativeQuery(query: TextQuery, internal: boolean): string {
  const q = query.mustNot.map(termExpression).join(' OR ');
  return internal ? q : `{title meta body} : (${q})`;
}

/**
 * A rowid bound FTS5 can seek to. better-sqlite3 binds a JS number as a REAL, and FTS5 then walks the
 * whole doclist instead of starting at the bound (150 ms instead of 0.1 ms for «و» below rowid 8,003).
 */
function rowidBound(value: number): RawBuilder<number> {
  return sql<number>`cast(${value} as integer)`;
}

function scopeSql(request: { scope?: SearchRequest['scope'] }, ref: RawBuilder<number>): Expression<any> {
  return request.scope ? request.scope(ref) : sql`1 = 1`;
}

/**
 * The oldest doc id of the newest window of a kind's matches in scope: FTS5 walks its rowids down
 * from the kind's last doc id (`last`), so a contact or organisation search never reads the
 * postings of the tickets above it, and stops at the window.
 */
export function windowEdge(request: Pick<SearchRequest, 'kind' | 'offset' | 'limit' | 'scope'>, match: string, last: number): RawBuilder<{ first: number | null }> {
  return sql<{ first: number | null }>`
    select min(r) as first from (select search_fts.rowid as r from search_fts
      where search_fts match ${match} and search_fts.rowid % 4 = ${kindCode(request.kind)} and search_fts.rowid <= ${rowidBound(last)} and ${scopeSql(request, sql<number>`(search_fts.rowid / 4)`)}
      order by search_fts.rowid desc limit ${rankWindow(request.offset, request.limit)})`;
}

export const sqliteSearchIndex: SearchIndex = {
  async upsert(db, docs) {
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      const words = new Set<string>();
      const rows = chunk.map((doc) => {
        const t = fieldTokens(doc);
        for (const f of [t.title, t.meta, t.body, t.internal]) for (const w of f) words.add(w);
        return sql`(${docId(doc.kind, doc.id)}, ${t.title.join(' ')}, ${t.meta.join(' ')}, ${t.body.join(' ')}, ${t.internal.join(' ')})`;
      });
      await sql`insert or replace into search_fts(rowid, title, meta, body, internal) values ${sql.join(rows)}`.execute(db);
      const entries = chunk.map((doc) => sql`(${docId(doc.kind, doc.id)}, ${doc.kind}, ${doc.id}, ${doc.updatedAt})`);
      await sql`insert into search_entries(doc_id, kind, ref_id, updated_at) values ${sql.join(entries)}
        on conflict(doc_id) do update set updated_at = excluded.updated_at`.execute(db);
      const lexicon = lexiconWords(words);
      for (let j = 0; j < lexicon.length; j += 500) {
        const part = lexicon.slice(j, j + 500);
        const added = await sql<{ term: string }>`insert into search_terms(term) values ${sql.join(part.map((w) => sql`(${w})`))} on conflict do nothing returning term`.execute(db);
        if (added.rows.length) await sql`insert into search_terms_grams(term) values ${sql.join(added.rows.map((r) => sql`(${paddedWord(r.term)})`))}`.execute(db);
      }
    }
  },

  async remove(db, kind, ids) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const keys = ids.slice(i, i + CHUNK).map((id) => docId(kind, id));
      await sql`delete from search_fts where rowid in (${sql.join(keys)})`.execute(db);
      await sql`delete from search_entries where doc_id in (${sql.join(keys)})`.execute(db);
    }
  },

  async search(db, request) {
    const code = kindCode(request.kind);
    const match = ftsQuery(request.query, request.internal);
    const ref = sql<number>`e.ref_id`;
    if (match === null) {
      const without = request.query.mustNot.length
        ? sql`e.doc_id not in (select rowid from search_fts where search_fts match ${negativeQuery(request.query, request.internal)} and rowid % 4 = ${code})`
        : sql`1 = 1`;
      const rows = await sql<{ ref_id: number; updated_at: number }>`
        select e.ref_id, e.updated_at from search_entries e
        where e.kind = ${request.kind} and ${scopeSql(request, ref)} and ${without}
        order by e.updated_at desc, e.ref_id desc limit ${request.limit} offset ${request.offset}`.execute(db);
      return rows.rows.map((r) => ({ kind: request.kind, id: Number(r.ref_id), score: 0, updatedAt: Number(r.updated_at) }));
    }
    // The kind's rows end at its highest doc id: a contact search need not walk the tickets' postings above it.
    const top = await sql<{ d: number | null }>`select max(doc_id) as d from search_entries where kind = ${request.kind}`.execute(db);
    const last = top.rows[0]?.d;
    if (last === null || last === undefined) return [];
    // The ranked window: the newest matches in scope, FTS5 walking its rowids down and stopping there (no score computed yet).
    const edge = await windowEdge(request, match, last).execute(db);
    const first = edge.rows[0]?.first;
    if (first === null || first === undefined) return [];
    const rows = await sql<{ ref_id: number; updated_at: number; score: number }>`
      select e.ref_id, e.updated_at, round(${sql.raw(BM25)}, 6) as score
      from search_fts join search_entries e on e.doc_id = search_fts.rowid
      where search_fts match ${match} and search_fts.rowid % 4 = ${code} and search_fts.rowid between ${rowidBound(first)} and ${rowidBound(last)} and ${scopeSql(request, ref)}
      order by score, e.updated_at desc, e.ref_id desc limit ${request.limit} offset ${request.offset}`.execute(db);
    return rows.rows.map((r) => ({ kind: request.kind, id: Number(r.ref_id), score: -Number(r.score), updatedAt: Number(r.updated_at) }));
  },

  matchingIds(kind, query, internal) {
    const code = kindCode(kind);
    const match = ftsQuery(query, internal);
    if (match === null) {
      if (query.mustNot.length === 0) return sql<number>`(select ref_id from search_entries where 1 = 0)`;
      return sql<number>`(select ref_id from search_entries where kind = ${kind} and doc_id not in (select rowid from search_fts where search_fts match ${negativeQuery(query, internal)} and rowid % 4 = ${code}))`;
    }
    return sql<number>`(select rowid / 4 from search_fts where search_fts match ${match} and rowid % 4 = ${code})`;
  },

  async measureTicketMatch() {},

  ticketMatch(_db, ref, query, internal) {
    // FTS5 cannot seek a MATCH to one rowid (a correlated probe ran for minutes): always the set.
    return sql<SqlBool>`${ref} in ${sqliteSearchIndex.matchingIds('ticket', query, internal)}`;
  },

  async knownTerms(db, tokens) {
    if (tokens.length === 0) return new Set();
    const rows = await sql<{ term: string }>`select term from search_terms where term in (${sql.join([...tokens])})`.execute(db);
    return new Set(rows.rows.map((r) => r.term));
  },

  async trigramNeighbours(db, token, limit) {
    const grams = trigrams(token).map(quote).join(' OR ');
    const rows = await sql<{ term: string }>`select term from search_terms_grams where search_terms_grams match ${grams} order by rank limit ${limit}`.execute(db);
    return rows.rows.map((r) => r.term.trim());
  },

  async documentFrequency(db, kind, tokens, cap) {
    const code = kindCode(kind);
    const out = new Map<string, number>();
    for (const token of tokens) {
      const row = await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts where search_fts match ${`{title meta body} : ${quote(token)}`} and rowid % 4 = ${code} limit ${cap})`.execute(db);
      out.set(token, Number(row.rows[0]?.n ?? 0));
    }
    return out;
  },

  weighted(db, request) {
    const code = kindCode(request.kind);
    const cols = request.internal ? '' : '{title meta body} : ';
    const ref = sql<number>`e.ref_id`;
    return weightedHits(async (token, cap) => {
      const rows = await sql<{ ref_id: number; updated_at: number }>`
        select e.ref_id, e.updated_at from search_fts join search_entries e on e.doc_id = search_fts.rowid
        where search_fts match ${`${cols}${quote(token)}`} and search_fts.rowid % 4 = ${code} and ${scopeSql(request, ref)} limit ${cap}`.execute(db);
      return rows.rows.map((r) => ({ id: Number(r.ref_id), updatedAt: Number(r.updated_at) }));
    }, request);
  },

  async count(db, kind) {
    const row = await sql<{ n: number }>`select count(*) as n from search_entries where kind = ${kind}`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  },
};
