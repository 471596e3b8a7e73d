import type { Db } from '../../schema.ts';

export type WatcherRow = Awaited<ReturnType<typeof listWatcherRows>>[number];

/** A ticket's watchers with their display names: one query. */
export function listWatcherRows(db: Db, ticketId: number) {
  return db
    .selectFrom('ticket_watchers')
    .leftJoin('agents', 'agents.id', 'ticket_watchers.agent_id')
    .leftJoin('contacts', 'contacts.id', 'ticket_watchers.contact_id')
    .select([
      'ticket_watchers.id',
      'ticket_watchers.ticket_id',
      'ticket_watchers.agent_id',
      'ticket_watchers.contact_id',
      'ticket_watchers.created_at',
      'agents.name as agent_name',
      'contacts.name as contact_name',
    ])
    .where('ticket_watchers.ticket_id', '=', ticketId)
    .orderBy('ticket_watchers.id')
    .execute();
}

export function loadWatcherRow(db: Db, id: number) {
  return db.selectFrom('ticket_watchers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function activeAgentExists(db: Db, agentId: number): Promise<boolean> {
  return !!(await db.selectFrom('agents').select('id').where('id', '=', agentId).where('active', '=', 1).executeTakeFirst());
}

export async function activeContactExists(db: Db, contactId: number): Promise<boolean> {
  return !!(await db.selectFrom('contacts').select('id').where('id', '=', contactId).where('active', '=', 1).executeTakeFirst());
}

/** Adds a watcher unless the person already watches; undefined then. */
export async function insertWatcher(
  db: Db,
  row: { ticket_id: number; agent_id: number | null; contact_id: number | null; created_at: number },
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('ticket_watchers')
    .values(row)
    .onConflict((oc) => oc.columns(row.agent_id !== null ? ['ticket_id', 'agent_id'] : ['ticket_id', 'contact_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function deleteWatcher(db: Db, id: number): Promise<void> {
  await db.deleteFrom('ticket_watchers').where('id', '=', id).execute();
}
