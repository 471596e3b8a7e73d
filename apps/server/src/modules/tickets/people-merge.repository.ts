import type { MergeStamp } from '../../context.ts';
import type { Db } from '../../schema.ts';

/** The SQL of tickets' part of people's merges (people-merge.ts): what names the loser now names the survivor. */

/** Moves one ticket column from the loser to the survivor: one version step and a history row per ticket, as an edit would. */
export async function moveTicketColumn(db: Db, column: 'requester_contact_id' | 'organization_id', field: string, fromId: number, intoId: number, at: MergeStamp): Promise<number[]> {
  const rows = await db.selectFrom('tickets').select('id').where(column, '=', fromId).orderBy('id').execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  await db
    .updateTable('tickets')
    .set((eb) => ({ [column]: intoId, updated_at: at.now, version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
  await db
    .insertInto('ticket_history')
    .values(ids.map((ticketId) => ({ ticket_id: ticketId, actor_user_id: at.actorUserId, actor_system: null, field, old_value: String(fromId), new_value: String(intoId), created_at: at.now })))
    .execute();
  return ids;
}

/** A merged contact's watches (one per ticket: where both watched, the survivor's stays) and authored articles; the tickets they touch. */
export async function moveContactWatchesAndArticles(db: Db, fromId: number, intoId: number): Promise<number[]> {
  const watched = (await db.selectFrom('ticket_watchers').select('ticket_id').where('contact_id', '=', intoId).execute()).map((r) => r.ticket_id);
  let move = db.updateTable('ticket_watchers').set({ contact_id: intoId }).where('contact_id', '=', fromId);
  if (watched.length) move = move.where('ticket_id', 'not in', watched);
  const watches = await move.returning('ticket_id').execute();
  await db.deleteFrom('ticket_watchers').where('contact_id', '=', fromId).execute();
  const authored = await db.updateTable('articles').set({ author_contact_id: intoId }).where('author_contact_id', '=', fromId).returning('ticket_id').execute();
  return [...watches.map((w) => w.ticket_id), ...authored.map((a) => a.ticket_id)];
}
