import { dialectOf } from '../../../platform/db/index.ts';
import type { Insertable, Selectable } from 'kysely';
import type { MergeMover } from '../../../context.ts';
import type { DB, Db } from '../../../schema.ts';

export type EmailMessageRow = Selectable<DB['email_messages']>;

/** The row of a message already committed under this dedup key (a redelivery), if any. */
export function messageByDedupKey(db: Db, dedupKey: string): Promise<EmailMessageRow | undefined> {
  return db.selectFrom('email_messages').selectAll().where('dedup_key', '=', dedupKey).executeTakeFirst();
}

/**
 * What came before a message, in one query: the row committed under its dedup key (a redelivery),
 * else whether another message came under its Message-ID (a different body: kept and flagged).
 */
export async function earlierArrival(
  db: Db,
  dedupKey: string,
  messageId: string | null,
): Promise<{ same: Pick<EmailMessageRow, 'id' | 'state' | 'ticket_id' | 'article_id'> | undefined; idSeen: boolean }> {
  const q = db.selectFrom('email_messages').select(['id', 'dedup_key', 'state', 'ticket_id', 'article_id']);
  const row = await (messageId === null ? q.where('dedup_key', '=', dedupKey) : q.where((eb) => eb.or([eb('dedup_key', '=', dedupKey), eb('message_id', '=', messageId)])))
    // The redelivery first, when there is one among the Message-ID's rows.
    .orderBy((eb) => eb.case().when('dedup_key', '=', dedupKey).then(0).else(1).end())
    .limit(1)
    .executeTakeFirst();
  const same = row?.dedup_key === dedupKey ? row : undefined;
  return { same, idSeen: row !== undefined && same === undefined };
}


/** Inserts the message's row; undefined when the dedup key is taken (a concurrent redelivery won). */
export async function insertMessage(db: Db, row: Insertable<DB['email_messages']>): Promise<number | undefined> {
  const inserted = await db.insertInto('email_messages').values(row).onConflict((oc) => oc.column('dedup_key').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function setMessageOutcome(db: Db, id: number, set: { state: string; ticket_id?: number | null; article_id?: number | null; contact_id?: number | null; flags?: string; decided_at?: number | null; html?: string | null }): Promise<void> {
  await db.updateTable('email_messages').set(set).where('id', '=', id).execute();
}

export function findMessage(db: Db, id: number): Promise<EmailMessageRow | undefined> {
  return db.selectFrom('email_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMessageForUpdate(db: Db, id: number): Promise<EmailMessageRow | undefined> {
  return dialectOf(db).forUpdate(db.selectFrom('email_messages').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Tickets that inbound messages with these Message-IDs landed on (the ticket's own articles' ids), in the order given. */
export async function ticketsOfMessageIds(db: Db, messageIds: readonly string[]): Promise<number[]> {
  if (messageIds.length === 0) return [];
  const rows = await db.selectFrom('email_messages').select(['message_id', 'ticket_id']).where('message_id', 'in', [...messageIds]).where('ticket_id', 'is not', null).execute();
  const byId = new Map(rows.map((r) => [r.message_id, r.ticket_id!]));
  return [...new Set(messageIds.map((m) => byId.get(m)).filter((t): t is number => t !== undefined))];
}

/** The latest inbound message that became this ticket or one of its customer-side articles (mail out's reply-all and threading). */
const CUSTOMER_MAIL_COLUMNS = ['mailbox_id', 'message_id', 'references_header', 'thread_index', 'cc_json', 'flags'] as const;
type CustomerMailColumn = (typeof CUSTOMER_MAIL_COLUMNS)[number];

export function latestCustomerMail(db: Db, ticketId: number): Promise<Pick<EmailMessageRow, CustomerMailColumn> | undefined> {
  return db
    .selectFrom('email_messages')
    // Only what mail out reads: not the bodies and HTML, which are most of a row.
    .select(CUSTOMER_MAIL_COLUMNS)
    .where('ticket_id', '=', ticketId)
    .where('state', 'in', ['ticket', 'article'])
    .where('flags', 'not like', '%third_party_answer%')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The ticket of the latest message of an Outlook conversation (same Thread-Index root). */
export async function ticketOfThreadRoot(db: Db, root: string): Promise<number | undefined> {
  const row = await db.selectFrom('email_messages').select('ticket_id').where('thread_root', '=', root).where('ticket_id', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.ticket_id ?? undefined;
}

/** Messages from one sender since a moment (the loop breaker's count). */
export async function messagesFromSince(db: Db, fromAddress: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('email_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('from_address', '=', fromAddress)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every inbound message of a ticket, oldest first (the desk's view of its mail). */
export function inboundOfTicket(db: Db, ticketId: number): Promise<EmailMessageRow[]> {
  return db.selectFrom('email_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('id').limit(500).execute();
}

export function listMessagesInState(db: Db, state: string, page: { afterId: number | undefined; limit: number }): Promise<EmailMessageRow[]> {
  let q = db.selectFrom('email_messages').selectAll().where('state', '=', state).orderBy('id').limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('id', '>', page.afterId);
  return q.execute();
}

/** Raw blobs the email module keeps (the orphan sweep must not remove them). */
export async function referencedRawBlobs(db: Db, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db.selectFrom('email_messages').select('raw_sha256').where('raw_sha256', 'in', [...sha256s]).execute();
  return new Set(rows.map((r) => r.raw_sha256));
}

export async function markBouncing(db: Db, addressKey: string, status: string | null, now: number): Promise<void> {
  await db
    .insertInto('email_bouncing_addresses')
    .values({ address_key: addressKey, first_bounce_at: now, last_bounce_at: now, bounces: 1, last_status: status })
    .onConflict((oc) => oc.column('address_key').doUpdateSet((eb) => ({ last_bounce_at: now, bounces: eb('email_bouncing_addresses.bounces', '+', 1), last_status: status })))
    .execute();
}

/** The subset of addresses (lower-cased) known to bounce: mail out skips or warns about them. */
export async function bouncingAddresses(db: Db, addressKeys: readonly string[]): Promise<Set<string>> {
  if (addressKeys.length === 0) return new Set();
  const rows = await db.selectFrom('email_bouncing_addresses').select('address_key').where('address_key', 'in', [...addressKeys]).execute();
  return new Set(rows.map((r) => r.address_key));
}

/** The flags of the inbound message an article came from (mail out reads them: no auto-reply to an auto-reply). */
export async function flagsOfArticle(db: Db, articleId: number): Promise<string[] | null> {
  const row = await db.selectFrom('email_messages').select('flags').where('article_id', '=', articleId).executeTakeFirst();
  return row ? (JSON.parse(row.flags) as string[]) : null;
}

/** Email's part of people's merges (app.ts injects it): a merged contact's received messages name the survivor. No ticket changes. */
export const emailMergeMover: MergeMover = {
  async moveContact(db, fromId, intoId) {
    await db.updateTable('email_messages').set({ contact_id: intoId }).where('contact_id', '=', fromId).execute();
    return [];
  },
  async moveOrganization() {
    return [];
  },
};
