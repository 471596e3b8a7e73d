import { dialectOf, nextCounterValue, preparedQuery, updateAtVersion } from '../../platform/db/index.ts';
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

// The reads every ticket read, write and page makes: built once (platform/db preparedQuery).
const ticketById = preparedQuery((db: Db, id: number) => db.selectFrom('tickets').selectAll().where('id', '=', id));
const watchersOfTickets = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('ticket_watchers').select(['ticket_id', 'agent_id', 'contact_id']).where('ticket_id', 'in', ids));
const pastAssigneesOfTickets = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('ticket_past_assignees').select(['ticket_id', 'agent_id']).where('ticket_id', 'in', ids));
const tagRowsOfTickets = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('ticket_tags').select(['ticket_id', 'tag', 'tag_normalized']).where('ticket_id', 'in', ids));

export async function loadTicketRow(db: Db, id: number) {
  return (await ticketById(db, id))[0];
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
  const [watchers, orgFacts, past] = await Promise.all([
    ids.length === 0 ? Promise.resolve([]) : watchersOfTickets(db, ids),
    organizationAccessFacts(db, rows.flatMap((r) => (r.organization_id === null ? [] : [r.organization_id]))),
    ids.length === 0 ? Promise.resolve([]) : pastAssigneesOfTickets(db, ids),
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
          pastAssigneeAgentIds: past.filter((p) => p.ticket_id === row.id).map((p) => p.agent_id),
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

/** The ids of the tickets once assigned to an agent, as a subquery for the visibility filter (index on agent_id, ticket_id). */
export function ticketsOnceAssignedTo(eb: ExpressionBuilder<DB, 'tickets'>, agentId: number) {
  return eb.selectFrom('ticket_past_assignees').select('ticket_past_assignees.ticket_id').where('ticket_past_assignees.agent_id', '=', agentId);
}

/** Remembers the agents a ticket is or was assigned to (written beside the assignment's history row). */
export async function rememberAssignees(db: Db, ticketId: number, agentIds: readonly number[], now: number): Promise<void> {
  const ids = [...new Set(agentIds)];
  if (ids.length === 0) return;
  await db
    .insertInto('ticket_past_assignees')
    .values(ids.map((agent_id) => ({ ticket_id: ticketId, agent_id, first_assigned_at: now })))
    .onConflict((oc) => oc.columns(['ticket_id', 'agent_id']).doNothing())
    .execute();
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
  const rows = await tagRowsOfTickets(db, ticketIds);
  return rows.sort((a, b) => a.ticket_id - b.ticket_id || (a.tag_normalized < b.tag_normalized ? -1 : a.tag_normalized > b.tag_normalized ? 1 : 0));
}

/** What a notification about a ticket needs to know about it: public fields only (never articles). */
export interface TicketNotificationFacts {
  id: number;
  number: number;
  title: string;
  status: string;
  channel: string;
  requesterContactId: number | null;
  ownerGroupId: number | null;
  assigneeGroupId: number | null;
  assigneeAgentId: number | null;
  ownerAgentId: number | null;
  createdByUserId: number | null;
  mergedIntoId: number | null;
}

/** The notification facts of one ticket (read in the notifying job's transaction); undefined when it does not exist. */
export async function ticketNotificationFacts(db: Db, ticketId: number): Promise<TicketNotificationFacts | undefined> {
  const row = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'status', 'channel', 'requester_contact_id', 'owner_group_id', 'assignee_group_id', 'assignee_agent_id', 'owner_agent_id', 'created_by_user_id', 'merged_into_id'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        number: Number(row.number),
        title: row.title,
        status: row.status,
        channel: row.channel,
        requesterContactId: row.requester_contact_id,
        ownerGroupId: row.owner_group_id,
        assigneeGroupId: row.assignee_group_id,
        assigneeAgentId: row.assignee_agent_id,
        ownerAgentId: row.owner_agent_id,
        createdByUserId: row.created_by_user_id,
        mergedIntoId: row.merged_into_id,
      }
    : undefined;
}

/** The contacts who watch a ticket (they see its public timeline), for notifications and reply-all. */
export async function contactWatchersOf(db: Db, ticketId: number): Promise<number[]> {
  const rows = await db.selectFrom('ticket_watchers').select('contact_id').where('ticket_id', '=', ticketId).where('contact_id', 'is not', null).orderBy('contact_id').execute();
  return rows.map((r) => r.contact_id!);
}

/** Who wrote an article and how (for notifications and mail out); the body only for public replies. */
export interface ArticleFacts {
  id: number;
  ticketId: number;
  kind: string;
  internal: boolean;
  channel: string;
  authorKind: string;
  authorUserId: number | null;
  authorContactId: number | null;
  /** The text of a public reply; null for notes and events (never handed out). */
  publicBody: string | null;
  createdAt: number;
}

export async function articleFacts(db: Db, articleId: number): Promise<ArticleFacts | undefined> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'ticket_id', 'kind', 'internal', 'channel', 'author_kind', 'author_user_id', 'author_contact_id', 'body', 'created_at'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const isPublicReply = row.kind === 'reply' && row.internal === 0;
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind,
    internal: row.internal === 1,
    channel: row.channel,
    authorKind: row.author_kind,
    authorUserId: row.author_user_id,
    authorContactId: row.author_contact_id,
    publicBody: isPublicReply ? row.body : null,
    createdAt: row.created_at,
  };
}

/** The public files of an article (what a contact may download), for mail out. */
export function publicAttachmentsOfArticle(db: Db, articleId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'content_type', 'size', 'sha256'])
    .where('article_id', '=', articleId)
    .where('internal', '=', 0)
    .orderBy('id')
    .execute();
}
