import type { Db } from '../../schema.ts';
import { agentNames, contactNames } from '../people/index.ts';

export type WatcherRow = Awaited<ReturnType<typeof listWatcherRows>>[number];

/** A ticket's watchers with their display names: the watchers, then agent and contact names (one query each). */
export async function listWatcherRows(db: Db, ticketId: number) {
  const rows = await db
    .selectFrom('ticket_watchers')
    .select(['id', 'ticket_id', 'agent_id', 'contact_id', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return withNames(db, rows);
}

/** One watcher with its display name (after adding it). */
export async function loadWatcherView(db: Db, id: number): Promise<WatcherRow | undefined> {
  const rows = await db.selectFrom('ticket_watchers').select(['id', 'ticket_id', 'agent_id', 'contact_id', 'created_at']).where('id', '=', id).execute();
  return (await withNames(db, rows))[0];
}

async function withNames<W extends { agent_id: number | null; contact_id: number | null }>(db: Db, rows: readonly W[]) {
  const [agents, contacts] = await Promise.all([
    agentNames(
      db,
      rows.flatMap((w) => (w.agent_id === null ? [] : [w.agent_id])),
    ),
    contactNames(
      db,
      rows.flatMap((w) => (w.contact_id === null ? [] : [w.contact_id])),
    ),
  ]);
  return rows.map((w) => ({
    ...w,
    agent_name: w.agent_id === null ? null : (agents.get(w.agent_id) ?? null),
    contact_name: w.contact_id === null ? null : (contacts.get(w.contact_id) ?? null),
  }));
}

export function loadWatcherRow(db: Db, id: number) {
  return db.selectFrom('ticket_watchers').selectAll().where('id', '=', id).executeTakeFirst();
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
