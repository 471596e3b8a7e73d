import { dialectOf, nextCounterValue, updateAtVersion } from '../../platform/db/index.ts';
import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { Db, DB } from '../../schema.ts';
import { organizationAccessFacts } from '../people/index.ts';
import type { TicketAccess } from './tickets.policy.ts';

export type TicketRow = Awaited<ReturnType<typeof loadTicketRow>> & {};

/** The ids of the tickets with these numbers (a mail's subject tag names a number, not an id). */
export async function ticketIdsByNumber(db: Db, numbers: readonly number[]): Promise<Map<number, number>> {
  if (numbers.length === 0) return new Map();
  const rows = await db.selectFrom('tickets').select(['id', 'number']).where('number', 'in', [...numbers]).execute();
  return new Map(rows.map((r) => [r.number, r.id]));
}

export function loadTicketRow(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket plus the facts the policy needs (organisation sharing, account manager, watchers). Three indexed reads. */
export async function loadTicketAccess(db: Db, id: number): Promise<(TicketAccess & { row: NonNullable<TicketRow> }) | undefined> {
  const row = await loadTicketRow(db, id);
  return row ? withAccessFacts(db, row) : undefined;
}

/** The policy facts of a ticket row already read: organisation sharing and account manager, watchers. */
export async function withAccessFacts(db: Db, row: NonNullable<TicketRow>): Promise<TicketAccessOfRow> {
  return (await accessFactsOfTickets(db, [row])).get(row.id)!;
}

export type TicketAccessOfRow = TicketAccess & { row: NonNullable<TicketRow> };

/** The policy facts of a page of ticket rows, by ticket id: one query for the watchers, one for the organisations. */
export async function accessFactsOfTickets(db: Db, rows: readonly NonNullable<TicketRow>[]): Promise<Map<number, TicketAccessOfRow>> {
  const ids = rows.map((r) => r.id);
  const [watchers, orgFacts] = await Promise.all([
    ids.length === 0 ? Promise.resolve([]) : db.selectFrom('ticket_watchers').select(['ticket_id', 'agent_id', 'contact_id']).where('ticket_id', 'in', ids).execute(),
    organizationAccessFacts(db, rows.flatMap((r) => (r.organization_id === null ? [] : [r.organization_id]))),
  ]);
  return new Map(
    rows.map((row) => {
      const mine = watchers.filter((w) => w.ticket_id === row.id);
      const org = row.organization_id === null ? undefined : orgFacts.get(row.organization_id);
      return [
        row.id,
        {
          ...row,
          row,
          accountManagerId: org?.accountManagerId ?? null,
          organizationShares: org?.membersSeeEachOther === true,
          watcherAgentIds: mine.flatMap((w) => (w.agent_id === null ? [] : [w.agent_id])),
          watcherContactIds: mine.flatMap((w) => (w.contact_id === null ? [] : [w.contact_id])),
        },
      ];
    }),
  );
}

/**
 * The next human ticket number: one counter row incremented inside the creating transaction, so
 * two concurrent creations never get the same number (the unique index on tickets.number guards it).
 */
export function allocateTicketNumber(db: Db, firstNumber: number): Promise<number> {
  return nextCounterValue(db, 'ticket_number', firstNumber);
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
  return locked ? withAccessFacts(trx, locked) : undefined;
}

export type NewTicket = Insertable<DB['tickets']>;
export type TicketChanges = Updateable<DB['tickets']>;

export function insertTicket(trx: Db, values: NewTicket) {
  return trx.insertInto('tickets').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Applies `set` only if the ticket is still at `version`, bumping it once (409 record.stale otherwise). */
export function updateTicketAtVersion(trx: Db, id: number, version: number, set: TicketChanges): Promise<NonNullable<TicketRow>> {
  return updateAtVersion(trx, 'tickets', id, version, set);
}

/** The ids of the tickets an agent or a contact watches, as a subquery for the visibility filter (tickets.policy visibleTickets). */
export function ticketsWatchedBy(eb: ExpressionBuilder<DB, 'tickets'>, watcher: { agentId: number } | { contactId: number }) {
  const q = eb.selectFrom('ticket_watchers').select('ticket_watchers.ticket_id');
  return 'agentId' in watcher ? q.where('ticket_watchers.agent_id', '=', watcher.agentId) : q.where('ticket_watchers.contact_id', '=', watcher.contactId);
}

/** Pending tickets whose pending-until has come, oldest first (the return-pending sweep; status/pending_until index). */
export function duePendingTickets(db: Db, pendingStatuses: readonly string[], now: number, limit: number) {
  return db
    .selectFrom('tickets')
    .select('id')
    .where('status', 'in', pendingStatuses)
    .where('pending_until', '<=', now)
    .orderBy('pending_until')
    .limit(limit)
    .execute();
}

/** Appends rows to ticket history (history.ts writeHistory builds them, one per changed field). */
export async function insertHistoryRows(db: Db, rows: ReadonlyArray<Insertable<DB['ticket_history']>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('ticket_history').values([...rows]).execute();
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

/** What a notification about a ticket needs to know about it: public fields only (never articles). */
export interface TicketNotificationFacts {
  id: number;
  number: number;
  title: string;
  assigneeGroupId: number | null;
  assigneeAgentId: number | null;
  ownerAgentId: number | null;
}

/** The notification facts of one ticket (read in the notifying job's transaction); undefined when it does not exist. */
export async function ticketNotificationFacts(db: Db, ticketId: number): Promise<TicketNotificationFacts | undefined> {
  const row = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'assignee_group_id', 'assignee_agent_id', 'owner_agent_id'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        number: Number(row.number),
        title: row.title,
        assigneeGroupId: row.assignee_group_id,
        assigneeAgentId: row.assignee_agent_id,
        ownerAgentId: row.owner_agent_id,
      }
    : undefined;
}
