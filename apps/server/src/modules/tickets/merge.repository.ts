import type { Db } from '../../schema.ts';
import type { TicketRow } from './tickets.repository.ts';

type Ticket = NonNullable<TicketRow>;

/** Where a ticket was merged into (null when it was not); undefined when there is no such ticket. */
export async function mergedIntoOf(db: Db, ticketId: number): Promise<number | null | undefined> {
  const row = await db.selectFrom('tickets').select('merged_into_id').where('id', '=', ticketId).executeTakeFirst();
  return row ? row.merged_into_id : undefined;
}

/** Tickets that were merged into `ticketId` (to re-point them when it is merged in turn). */
export function ticketsMergedInto(db: Db, ticketId: number) {
  return db.selectFrom('tickets').selectAll().where('merged_into_id', '=', ticketId).orderBy('id').execute();
}

/**
 * Moves B's timeline to A: articles (remembering where they came from), attachments, and the
 * people following B — its watchers and its requester become A's watchers unless already there.
 * Set-based: a few statements whatever the size of B.
 */
export async function moveMergedContent(
  db: Db,
  input: { source: Ticket; target: Ticket; now: number },
): Promise<{ articles: number; attachments: number; watchers: number }> {
  const { source, target } = input;
  const articles = await db
    .updateTable('articles')
    .set((eb) => ({ ticket_id: target.id, original_ticket_id: eb.fn.coalesce('original_ticket_id', eb.val(source.id)) }))
    .where('ticket_id', '=', source.id)
    .executeTakeFirst();
  const attachments = await db.updateTable('attachments').set({ ticket_id: target.id }).where('ticket_id', '=', source.id).executeTakeFirst();

  const [fromWatchers, toWatchers] = await Promise.all([
    db.selectFrom('ticket_watchers').select(['agent_id', 'contact_id']).where('ticket_id', '=', source.id).execute(),
    db.selectFrom('ticket_watchers').select(['agent_id', 'contact_id']).where('ticket_id', '=', target.id).execute(),
  ]);
  const agents = new Set(toWatchers.flatMap((w) => (w.agent_id === null ? [] : [w.agent_id])));
  const contacts = new Set(toWatchers.flatMap((w) => (w.contact_id === null ? [] : [w.contact_id])));
  if (target.requester_contact_id !== null) contacts.add(target.requester_contact_id);
  const candidates = [...fromWatchers];
  if (source.requester_contact_id !== null) candidates.push({ agent_id: null, contact_id: source.requester_contact_id });
  const added: Array<{ ticket_id: number; agent_id: number | null; contact_id: number | null; created_at: number }> = [];
  for (const w of candidates) {
    if (w.agent_id !== null && !agents.has(w.agent_id)) {
      agents.add(w.agent_id);
      added.push({ ticket_id: target.id, agent_id: w.agent_id, contact_id: null, created_at: input.now });
    } else if (w.contact_id !== null && !contacts.has(w.contact_id)) {
      contacts.add(w.contact_id);
      added.push({ ticket_id: target.id, agent_id: null, contact_id: w.contact_id, created_at: input.now });
    }
  }
  if (added.length) await db.insertInto('ticket_watchers').values(added).execute();
  await db.deleteFrom('ticket_watchers').where('ticket_id', '=', source.id).execute();

  return { articles: Number(articles.numUpdatedRows), attachments: Number(attachments.numUpdatedRows), watchers: added.length };
}
