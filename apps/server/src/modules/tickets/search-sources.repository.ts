import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB, Db } from '../../schema.ts';
import type { TicketWhere } from './filter/ticket-filter.repository.ts';

/**
 * What the search module indexes of tickets, read set-based (one query per relation for any
 * number of tickets), and the scope it composes into its queries. Tickets own the rows; search
 * owns the index (modules/search).
 */

/** The text of one ticket for its search document: title, description, and every article but system events. */
export interface TicketSearchSource {
  id: number;
  number: number;
  title: string;
  description: string;
  status: string;
  type: string;
  requesterContactId: number | null;
  createdAt: number;
  updatedAt: number;
  articles: Array<{ body: string; internal: boolean }>;
}

export async function ticketSearchSources(db: Db, ids: readonly number[]): Promise<TicketSearchSource[]> {
  if (ids.length === 0) return [];
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'description', 'status', 'type', 'requester_contact_id', 'created_at', 'updated_at'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
  const articles = await db
    .selectFrom('articles')
    .select(['ticket_id', 'body', 'internal', 'kind'])
    .where('ticket_id', 'in', [...ids])
    .where('kind', '<>', 'event')
    .orderBy('id')
    .execute();
  const byTicket = new Map<number, Array<{ body: string; internal: boolean }>>();
  for (const a of articles) {
    const list = byTicket.get(a.ticket_id) ?? byTicket.set(a.ticket_id, []).get(a.ticket_id)!;
    list.push({ body: a.body, internal: a.internal === 1 || a.kind === 'note' });
  }
  return tickets.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    description: t.description,
    status: t.status,
    type: t.type,
    requesterContactId: t.requester_contact_id,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    articles: byTicket.get(t.id) ?? [],
  }));
}

/** Ticket ids after `afterId`, ascending, at most `limit` (index rebuilds walk the table in batches). */
export async function ticketIdsAfter(db: Db, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('tickets').select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function ticketCount(db: Db): Promise<number> {
  const row = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tickets whose requester is one of these contacts (a renamed contact's tickets are re-indexed). */
export async function ticketIdsOfRequesters(db: Db, contactIds: readonly number[]): Promise<number[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.selectFrom('tickets').select('id').where('requester_contact_id', 'in', [...contactIds]).execute();
  return rows.map((r) => r.id);
}

/**
 * A where-expression over a ticket id (the search index's record id): the ticket exists and
 * matches `where` (a compiled filter, which carries the reader's visibility). Correlated, so a
 * search reads only the tickets its text matched.
 */
export function ticketMatches(where: TicketWhere): (ticketId: Expression<number>) => Expression<SqlBool> {
  return (ticketId) => {
    const eb = expressionBuilder<DB, never>();
    return eb.exists(eb.selectFrom('tickets').select('tickets.id').where('tickets.id', '=', ticketId).where(where));
  };
}

/**
 * The most recently updated tickets matching `where` (a compiled filter), at most `limit`: a search
 * with fields and no words (`#10042`, `status:open`) reads tickets through their own indexes rather
 * than walking the whole search index and testing every entry against the filter.
 */
export async function recentTicketsMatching(db: Db, where: TicketWhere, limit: number): Promise<Array<{ id: number; updatedAt: number }>> {
  const rows = await db.selectFrom('tickets').select(['id', 'updated_at']).where(where).orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, updatedAt: r.updated_at }));
}

/** The creation time of a ticket (similar tickets look only at earlier ones). */
export async function ticketCreatedAt(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('tickets').select('created_at').where('id', '=', id).executeTakeFirst();
  return row?.created_at;
}
