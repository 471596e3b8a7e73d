import type { MergeMover, MergeStamp } from '../../context.ts';
import type { Db } from '../../schema.ts';

/**
 * Tickets' part of people's merges (injected by app.ts as a MergeMover): a merged contact's tickets
 * (as requester), watches and articles, or a merged organisation's tickets, now name the survivor.
 * Each moved ticket takes one version step and a history row, as an edit of that field would.
 */

async function moveTicketColumn(db: Db, column: 'requester_contact_id' | 'organization_id', field: string, fromId: number, intoId: number, at: MergeStamp): Promise<number[]> {
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

export const ticketMergeMover: MergeMover = {
  async moveContact(db, fromId, intoId, at) {
    const moved = await moveTicketColumn(db, 'requester_contact_id', 'requesterContactId', fromId, intoId, at);
    // A ticket both watched keeps one watch (the survivor's).
    const watched = (await db.selectFrom('ticket_watchers').select('ticket_id').where('contact_id', '=', intoId).execute()).map((r) => r.ticket_id);
    let move = db.updateTable('ticket_watchers').set({ contact_id: intoId }).where('contact_id', '=', fromId);
    if (watched.length) move = move.where('ticket_id', 'not in', watched);
    const watches = await move.returning('ticket_id').execute();
    await db.deleteFrom('ticket_watchers').where('contact_id', '=', fromId).execute();
    const authored = await db.updateTable('articles').set({ author_contact_id: intoId }).where('author_contact_id', '=', fromId).returning('ticket_id').execute();
    return [...new Set([...moved, ...watches.map((w) => w.ticket_id), ...authored.map((a) => a.ticket_id)])].sort((a, b) => a - b);
  },
  moveOrganization(db, fromId, intoId, at) {
    return moveTicketColumn(db, 'organization_id', 'organizationId', fromId, intoId, at);
  },
};
