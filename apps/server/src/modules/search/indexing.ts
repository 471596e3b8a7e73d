import type { Db } from '../../schema.ts';
import { searchIndexFor, type SearchDocument } from '../../platform/search/index.ts';
import { contactSearchSources, organizationSearchSources } from '../people/index.ts';
import { ticketSearchSources, ticketSettings, type TicketSearchSource } from '../tickets/index.ts';
import { contactDocument, organizationDocument, ticketDocument } from './documents.ts';

/**
 * Keeping the index: set-based, in the caller's connection or transaction (a job's, or a bulk
 * writer's large transaction). Each reads the records' current text, so running one twice, or
 * late, leaves the index right (the jobs are idempotent).
 */

/** The search documents of these tickets as they are now (one query per relation). */
export async function ticketDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  return (await ticketDocumentsWithSources(db, ids)).map((t) => t.document);
}

/** The documents with the ticket facts they were made from (number, status: the hits' presentation). */
export async function ticketDocumentsWithSources(db: Db, ids: readonly number[]): Promise<Array<{ source: TicketSearchSource; document: SearchDocument }>> {
  const [tickets, prefix] = await Promise.all([ticketSearchSources(db, ids), ticketSettings.getCached(db, 'tickets.number_prefix')]);
  const requesterIds = [...new Set(tickets.map((t) => t.requesterContactId).filter((v): v is number => v !== null))];
  const requesters = new Map((await contactSearchSources(db, requesterIds)).map((c) => [c.id, c]));
  return tickets.map((t) => ({ source: t, document: ticketDocument(t, t.requesterContactId === null ? undefined : requesters.get(t.requesterContactId), prefix) }));
}

/** Indexes (or re-indexes) these tickets: title, every article, requester, number. For bulk writers too. */
export async function indexTickets(db: Db, ids: readonly number[]): Promise<number> {
  const docs = await ticketDocuments(db, ids);
  await searchIndexFor(db).upsert(db, docs);
  return docs.length;
}

export async function indexContacts(db: Db, ids: readonly number[]): Promise<number> {
  const docs = (await contactSearchSources(db, ids)).map(contactDocument);
  await searchIndexFor(db).upsert(db, docs);
  return docs.length;
}

export async function indexOrganizations(db: Db, ids: readonly number[]): Promise<number> {
  const docs = (await organizationSearchSources(db, ids)).map(organizationDocument);
  await searchIndexFor(db).upsert(db, docs);
  return docs.length;
}
