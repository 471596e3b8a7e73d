import type { SearchHit as ApiHit, SearchQuery, Snippet, TicketFilter } from '@pishkhan/contracts';
import { normalizeForSearch, snippetOf, tokenize, type HighlightTerms } from '@pishkhan/text';
import { agentSideOf, contactSideOf, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { SearchDocument, SearchHit, SearchKind, SearchScope, TextQuery } from '../../platform/search/index.ts';
import { agentNameList, contactIdsWithEmail, contactSearchSources, groupNameList, organizationSearchSources, readsCustomers } from '../people/index.ts';
import { compileTicketFilter, recentTicketsMatching, ticketFilterFields, ticketMatches, type TicketWhere } from '../tickets/index.ts';
import { compileQuery, compileText, highlightTermsOf, type QueryResolver } from './compile-query.ts';
import { contactDocument, organizationDocument } from './documents.ts';
import { ticketDocumentsWithSources } from './indexing.ts';
import { parseQuery, QueryParseError, type ParsedQuery } from './query-language.ts';
import { SearchErrors } from './search.errors.ts';
import { withTypoAlternatives } from './typos.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'search'>;

export const STATUS_VALUES = ticketFilterFields.status!.values!;
export const TYPE_VALUES = ticketFilterFields.type!.values!;
const MAX_OFFSET = 1_000;

/** A query the language cannot read: 400 search.bad_query with the position (never a 500). */
export function badQuery(error: QueryParseError): DomainError {
  return new DomainError(SearchErrors['search.bad_query'], { position: error.position, reason: error.reason });
}

export function parseOrRefuse(q: string): ParsedQuery {
  try {
    return parseQuery(q);
  } catch (error) {
    if (error instanceof QueryParseError) throw badQuery(error);
    throw error;
  }
}

/** The look-ups of group:, assignee: and requester: (names compared as search keys; requesters by email or through the contacts index). */
export function resolverFor(ctx: Ctx): QueryResolver {
  const key = (s: string) => normalizeForSearch(s);
  return {
    async groupIds(name) {
      const k = key(name);
      return (await groupNameList(ctx.db)).filter((g) => key(g.name) === k || (g.name_en !== null && key(g.name_en) === k)).map((g) => g.id);
    },
    async agentIds(name) {
      const k = key(name);
      return (await agentNameList(ctx.db)).filter((a) => key(a.name).includes(k)).map((a) => a.id);
    },
    async contactIds(value) {
      if (value.includes('@')) return contactIdsWithEmail(ctx.db, value);
      const tokens = tokenize(value);
      if (tokens.length === 0) return [];
      const hits = await ctx.search.search(ctx.db, { kind: 'contact', query: { must: tokens.map((t) => ({ alternatives: [[t]], prefix: false })), mustNot: [] }, internal: false, limit: 100, offset: 0 });
      return hits.map((h) => h.id);
    },
  };
}

/** How a reader searches tickets: one branch per way they see them (as an agent, with internal notes; as a contact, without). */
export interface TicketBranch {
  internal: boolean;
  scope: SearchScope;
  /** The same selection as a filter over tickets (a search with fields and no words lists them directly). */
  where: TicketWhere;
}

/** The reader with only their agent side: what they see as the desk (internal notes included). */
function asAgentOnly(actor: Actor): Actor {
  return actor.kind === 'user' ? { ...actor, contact: null } : actor;
}

export function ticketBranches(actor: Actor, filters: readonly TicketFilter[], now: number): TicketBranch[] {
  const branch = (internal: boolean, reader: Actor): TicketBranch => {
    const where = compileTicketFilter([{ all: [] }, ...filters], { actor: reader, now });
    return { internal, where, scope: ticketMatches(where) };
  };
  if (isTrustedSystem(actor)) return [branch(true, actor)];
  const agent = agentSideOf(actor);
  const contact = contactSideOf(actor);
  const branches: TicketBranch[] = [];
  if (agent) branches.push(branch(true, contact ? asAgentOnly(actor) : actor));
  if (contact || !agent) branches.push(branch(false, actor));
  return branches;
}

/** Hits of several branches: each record once, at its best score, internal text shown if any branch allowed it. */
async function searchBranches(ctx: Ctx, kind: SearchKind, text: TextQuery, branches: readonly TicketBranch[], limit: number) {
  const best = new Map<number, SearchHit & { internal: boolean }>();
  // No words at all (fields or a number alone): the tickets the filter selects, recent first, read by
  // the tickets' own indexes — the same hits the index would give (every ticket is indexed), without
  // testing each of a million entries against the filter.
  const listed = text.must.length === 0 && text.mustNot.length === 0 && kind === 'ticket';
  for (const b of branches) {
    const hits = listed
      ? (await recentTicketsMatching(ctx.db, b.where, limit)).map((t) => ({ kind, id: t.id, score: 0, updatedAt: t.updatedAt }))
      : await ctx.search.search(ctx.db, { kind, query: text, internal: b.internal, scope: b.scope, limit, offset: 0 });
    for (const hit of hits) {
      const seen = best.get(hit.id);
      if (!seen || hit.score > seen.score) best.set(hit.id, { ...hit, internal: b.internal || (seen?.internal ?? false) });
      else if (b.internal) seen.internal = true;
    }
  }
  return [...best.values()];
}

function snippetFor(doc: SearchDocument, terms: HighlightTerms, internal: boolean): Snippet | null {
  const fields = internal ? (['body', 'internal', 'meta'] as const) : (['body', 'meta'] as const);
  for (const field of fields) {
    const s = snippetOf(doc[field], terms);
    if (s) return { field, ...s };
  }
  return null;
}

function titleHighlights(doc: SearchDocument, terms: HighlightTerms): Array<[number, number]> {
  const s = snippetOf(doc.title, terms, Number.MAX_SAFE_INTEGER);
  return s ? s.highlights : [];
}

function kindsOf(actor: Actor, query: SearchQuery, ticketsOnly: boolean): SearchKind[] {
  const asked = (query.type?.split(',') ?? ['ticket', 'contact', 'organization']) as SearchKind[];
  const ticketFiltered = ticketsOnly || query.status !== undefined || query.groupId !== undefined || query.createdFrom !== undefined || query.createdTo !== undefined;
  return [...new Set(asked)].filter((k) => k === 'ticket' || (!ticketFiltered && readsCustomers(actor)));
}

function listFilters(query: SearchQuery): TicketFilter[] {
  const all: TicketFilter[] = [];
  if (query.status !== undefined) {
    const statuses = [...new Set(query.status.split(','))];
    const unknown = statuses.find((s) => !STATUS_VALUES.includes(s));
    if (unknown !== undefined) throw invalidInput('status', 'enum', { allowedValues: STATUS_VALUES });
    all.push({ field: 'status', op: 'in', value: statuses });
  }
  if (query.groupId !== undefined) all.push({ field: 'group', op: 'eq', value: query.groupId });
  if (query.createdFrom !== undefined) all.push({ field: 'created_at', op: 'gte', value: new Date(Date.parse(query.createdFrom)).toISOString() });
  if (query.createdTo !== undefined) all.push({ field: 'created_at', op: 'lt', value: new Date(Date.parse(query.createdTo)).toISOString() });
  return all.length ? [{ all }] : [];
}

/**
 * GET /api/v1/search: tickets, contacts and organisations that match the query and the filters,
 * ranked (BM25 on SQLite, ts_rank on PostgreSQL; recent first on ties), each with a snippet of
 * its original text and highlight ranges. Tickets are scoped by the tickets module's visibility
 * (compileTicketFilter); internal notes match and show only for the reader's agent side; contacts
 * and organisations only for those who may list them (people's readsCustomers).
 */
export async function runSearch(ctx: Ctx, actor: Actor, query: SearchQuery): Promise<{ items: ApiHit[]; nextCursor: string | null }> {
  const parsed = parseOrRefuse(query.q);
  let compiled;
  try {
    compiled = await compileQuery(parsed, resolverFor(ctx), { statuses: STATUS_VALUES, types: TYPE_VALUES });
  } catch (error) {
    if (error instanceof QueryParseError) throw badQuery(error);
    throw error;
  }
  const limit = query.limit ?? 20;
  const cursor = decodeCursor(query.cursor, 1);
  const offset = cursor && typeof cursor[0] === 'number' ? cursor[0] : 0;
  if (offset < 0 || offset > MAX_OFFSET || !Number.isSafeInteger(offset)) throw invalidInput('cursor', 'cursor');
  const text = await withTypoAlternatives(ctx.db, ctx.search, compiled.text);
  const hasText = text.must.length > 0 || text.mustNot.length > 0;
  const filters = [...compiled.conditions, ...listFilters(query)];
  const kinds = kindsOf(actor, query, compiled.ticketsOnly);
  const window = offset + limit + 1;

  type Found = SearchHit & { internal: boolean };
  const found: Found[] = [];
  for (const kind of kinds) {
    if (kind === 'ticket') {
      const branches = ticketBranches(actor, filters, ctx.clock.now());
      // Fields alone (no words): every ticket they select, recent first; nothing at all: no hit.
      if (hasText || filters.length) found.push(...(await searchBranches(ctx, 'ticket', text, branches, window)));
    } else if (hasText && text.must.length > 0) {
      for (const hit of await ctx.search.search(ctx.db, { kind, query: text, internal: true, limit: window, offset: 0 })) found.push({ ...hit, internal: true });
    }
  }
  found.sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt || a.kind.localeCompare(b.kind) || b.id - a.id);
  const page = found.slice(offset, offset + limit);
  const nextCursor = found.length > offset + limit && offset + limit <= MAX_OFFSET ? encodeCursor([offset + limit]) : null;
  return { items: await presentHits(ctx, page, highlightTermsOf(text)), nextCursor };
}

async function presentHits(ctx: Ctx, hits: ReadonlyArray<SearchHit & { internal: boolean }>, terms: HighlightTerms): Promise<ApiHit[]> {
  const ids = (kind: SearchKind) => hits.filter((h) => h.kind === kind).map((h) => h.id);
  const [tickets, contacts, organizations] = await Promise.all([
    ticketDocumentsWithSources(ctx.db, ids('ticket')),
    contactSearchSources(ctx.db, ids('contact')),
    organizationSearchSources(ctx.db, ids('organization')),
  ]);
  const docs = new Map<string, SearchDocument>([
    ...tickets.map((t) => [`ticket:${t.document.id}`, t.document] as const),
    ...contacts.map((c) => [`contact:${c.id}`, contactDocument(c)] as const),
    ...organizations.map((o) => [`organization:${o.id}`, organizationDocument(o)] as const),
  ]);
  const rows = new Map(tickets.map((t) => [t.source.id, t.source]));
  const out: ApiHit[] = [];
  for (const hit of hits) {
    const doc = docs.get(`${hit.kind}:${hit.id}`);
    if (!doc) continue;
    const row = hit.kind === 'ticket' ? rows.get(hit.id) : undefined;
    out.push({
      type: hit.kind,
      id: hit.id,
      title: doc.title,
      titleHighlights: titleHighlights(doc, terms),
      ...(row ? { number: row.number, status: row.status } : {}),
      snippet: snippetFor(doc, terms, hit.internal),
      score: hit.score,
      updatedAt: new Date(doc.updatedAt).toISOString(),
    });
  }
  return out;
}

/** The `text` field's text query (sync: no typo widening; fields are refused with their position). */
export function textQueryOf(value: string): TextQuery {
  const parsed = parseOrRefuse(value);
  try {
    return compileText(parsed);
  } catch (error) {
    if (error instanceof QueryParseError) throw badQuery(error);
    throw error;
  }
}

export { compileText };
