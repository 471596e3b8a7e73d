import { dialectOf } from '../../platform/db/index.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Db, DB } from '../../schema.ts';
import type { TicketAccess } from './tickets.policy.ts';

export type TicketRow = Awaited<ReturnType<typeof loadTicketRow>> & {};

export function loadTicketRow(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket plus the facts the policy needs (organisation sharing, account manager, watchers). Three indexed reads. */
export async function loadTicketAccess(db: Db, id: number): Promise<(TicketAccess & { row: NonNullable<TicketRow> }) | undefined> {
  const row = await loadTicketRow(db, id);
  if (!row) return undefined;
  const [org, watchers] = await Promise.all([
    row.organization_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('organizations').select(['account_manager_id', 'members_see_each_other']).where('id', '=', row.organization_id).executeTakeFirst(),
    db.selectFrom('ticket_watchers').select(['agent_id', 'contact_id']).where('ticket_id', '=', id).execute(),
  ]);
  return {
    ...row,
    row,
    accountManagerId: org?.account_manager_id ?? null,
    organizationShares: org?.members_see_each_other === 1,
    watcherAgentIds: watchers.flatMap((w) => (w.agent_id === null ? [] : [w.agent_id])),
    watcherContactIds: watchers.flatMap((w) => (w.contact_id === null ? [] : [w.contact_id])),
  };
}

/**
 * The next human ticket number: one counter row incremented inside the creating transaction, so
 * two concurrent creations never get the same number (the unique index on tickets.number guards it).
 */
export async function allocateTicketNumber(db: Db, firstNumber: number): Promise<number> {
  await db.insertInto('counters').values({ name: 'ticket_number', value: firstNumber - 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Reads a ticket inside a write transaction and holds it until commit, so that two commands on
 * the same ticket (a reply and an edit) apply one after the other instead of one failing stale.
 */
export function loadTicketForUpdate(trx: Db, id: number) {
  return dialectOf(trx).forUpdate(trx.selectFrom('tickets').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** loadTicketAccess inside a write transaction, holding the ticket row until commit (see loadTicketForUpdate). */
export async function loadTicketAccessForUpdate(trx: Db, id: number): Promise<(TicketAccess & { row: NonNullable<TicketRow> }) | undefined> {
  const locked = await loadTicketForUpdate(trx, id);
  if (!locked) return undefined;
  return loadTicketAccess(trx, id);
}

export type NewTicket = Insertable<DB['tickets']>;
export type TicketChanges = Updateable<DB['tickets']>;

export function insertTicket(trx: Db, values: NewTicket) {
  return trx.insertInto('tickets').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Applies `set` only if the ticket is still at `version`, bumping it; undefined when stale. */
export function updateTicketAtVersion(trx: Db, id: number, version: number, set: TicketChanges) {
  return trx
    .updateTable('tickets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Replaces a ticket's tags with `tags` (already de-duplicated on their normalised form). */
export async function replaceTicketTags(trx: Db, ticketId: number, tags: ReadonlyArray<{ tag: string; normalized: string }>): Promise<void> {
  await trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
  if (tags.length === 0) return;
  await trx
    .insertInto('ticket_tags')
    .values(tags.map((t) => ({ ticket_id: ticketId, tag: t.tag, tag_normalized: t.normalized })))
    .execute();
}

/**
 * Tags of several tickets in one query, ordered by ticket and normalised form. Sorted here by code
 * point, not by the database, whose collation differs between SQLite and PostgreSQL.
 */
export async function tagsOfTickets(db: Db, ticketIds: readonly number[]) {
  if (ticketIds.length === 0) return [];
  const rows = await db.selectFrom('ticket_tags').select(['ticket_id', 'tag', 'tag_normalized']).where('ticket_id', 'in', ticketIds).execute();
  return rows.sort((a, b) => a.ticket_id - b.ticket_id || (a.tag_normalized < b.tag_normalized ? -1 : a.tag_normalized > b.tag_normalized ? 1 : 0));
}

// ---- facts about other modules' records that the people module does not expose ----

export async function isGroupMember(db: Db, groupId: number, agentId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('group_members')
    .select('agent_id')
    .where('group_id', '=', groupId)
    .where('agent_id', '=', agentId)
    .executeTakeFirst());
}

/** The desk's first-line group ("Service Desk"): the group with the lowest id. */
export async function defaultGroupId(db: Db): Promise<number | null> {
  const row = await db.selectFrom('groups').select('id').orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}
