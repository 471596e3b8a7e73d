import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../schema.ts';
import type { EmailOutboundTables } from '../email-outbound.tables.ts';
import { mailboxRowsOnce } from '../mailboxes/mailboxes.repository.ts';
import { transactionMemo } from '../../../platform/db/index.ts';

/** All SQL of mail out (its own tables; mailboxes are read through the email module's repository). */
export type OutboundRow = Selectable<EmailOutboundTables['outbound_messages']>;
export type NewOutbound = Omit<Insertable<EmailOutboundTables['outbound_messages']>, 'id'>;

/** Inserts a mail to send; a repeated dedupe key inserts nothing and returns undefined. */
export async function insertOutbound(db: Db, row: NewOutbound): Promise<OutboundRow | undefined> {
  return db
    .insertInto('outbound_messages')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findOutbound(db: Db, id: number): Promise<OutboundRow | undefined> {
  return db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function outboundOfArticle(db: Db, articleId: number): Promise<OutboundRow | undefined> {
  return db.selectFrom('outbound_messages').selectAll().where('article_id', '=', articleId).where('purpose', '=', 'reply').orderBy('id').executeTakeFirst();
}

export function outboundOfTicket(db: Db, ticketId: number): Promise<OutboundRow[]> {
  return db.selectFrom('outbound_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('id').limit(500).execute();
}

/**
 * Our earlier mails of one side of a ticket's conversation, oldest first (the References chain):
 * the customer's (replies and the customer notices, `customerKinds`) or the third parties'.
 */
export async function threadMessageIds(db: Db, ticketId: number, side: 'customer' | 'third_party', customerKinds: readonly string[]): Promise<string[]> {
  let q = db.selectFrom('outbound_messages').select('message_id').where('ticket_id', '=', ticketId);
  q =
    side === 'third_party'
      ? q.where('purpose', '=', 'third_party')
      : q.where((eb) => eb.or([eb('purpose', '=', 'reply'), eb.and([eb('purpose', '=', 'notification'), eb('notification_kind', 'in', [...customerKinds])])]));
  const rows = await q.orderBy('id').limit(50).execute();
  return rows.map((r) => r.message_id);
}

/** The mail-out record behind a Message-ID (mailin's threading: a third party's answer becomes a non-public article). */
export function outboundByMessageId(db: Db, messageIds: readonly string[]): Promise<Array<Pick<OutboundRow, 'id' | 'ticket_id' | 'purpose' | 'message_id'>>> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('outbound_messages').select(['id', 'ticket_id', 'purpose', 'message_id']).where('message_id', 'in', [...new Set(messageIds)]).execute();
}

export async function markOutbound(
  db: Db,
  id: number,
  set: { status: string; reason?: string | null; last_error?: string | null; attempts?: number; sent_at?: number | null; updated_at: number },
): Promise<void> {
  await db.updateTable('outbound_messages').set(set).where('id', '=', id).execute();
}

/** Counts of mail that did not leave, by status and reason (the admin's status page). */
export async function waitingCounts(db: Db): Promise<Array<{ status: string; reason: string | null; count: number }>> {
  const rows = await db
    .selectFrom('outbound_messages')
    .select(['status', 'reason', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', ['queued', 'held', 'failed'])
    .groupBy(['status', 'reason'])
    .orderBy('status')
    .orderBy('reason')
    .execute();
  return rows.map((r) => ({ status: r.status, reason: r.reason, count: Number(r.n) }));
}

/** Held mail waiting for a relay (sent again once one is configured). */
export async function heldForRelay(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('outbound_messages').select('id').where('status', '=', 'held').where('reason', '=', 'no_relay').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

// ── per-mailbox switches and per-group signatures ────────────────────────────────────────

/** The kinds each mailbox switched off, read once per transaction (every notification mail asks; a dispatch batch holds many). */
const switchMemo = transactionMemo<number, ReadonlySet<string>>();

export async function mailboxSwitchedOff(db: Db, mailboxId: number, kind: string): Promise<boolean> {
  const off = await switchMemo.read(db, mailboxId, async () => new Set((await mailboxSwitches(db, mailboxId)).filter((r) => r.enabled === 0).map((r) => r.kind)));
  return off.has(kind);
}

export function mailboxSwitches(db: Db, mailboxId: number) {
  return db.selectFrom('mailbox_notification_switches').select(['kind', 'enabled']).where('mailbox_id', '=', mailboxId).execute();
}

export async function saveMailboxSwitch(db: Db, input: { mailboxId: number; kind: string; enabled: boolean; now: number }): Promise<void> {
  const enabled = input.enabled ? 1 : 0;
  switchMemo.written(db);
  await db
    .insertInto('mailbox_notification_switches')
    .values({ mailbox_id: input.mailboxId, kind: input.kind, enabled, updated_at: input.now })
    .onConflict((oc) => oc.columns(['mailbox_id', 'kind']).doUpdateSet({ enabled, updated_at: input.now }))
    .execute();
}

export function groupSignature(db: Db, groupId: number) {
  return db.selectFrom('email_group_signatures').select(['signature_fa', 'signature_en']).where('group_id', '=', groupId).executeTakeFirst();
}

export async function saveGroupSignature(db: Db, input: { groupId: number; fa: string; en: string; now: number }): Promise<void> {
  await db
    .insertInto('email_group_signatures')
    .values({ group_id: input.groupId, signature_fa: input.fa, signature_en: input.en, updated_at: input.now })
    .onConflict((oc) => oc.column('group_id').doUpdateSet({ signature_fa: input.fa, signature_en: input.en, updated_at: input.now }))
    .execute();
}

/** The active mailbox routed to a group (the lowest id when several are), for mail of that group's tickets. */
export async function activeMailboxOfGroup(db: Db, groupId: number) {
  return (await mailboxRowsOnce(db)).find((m) => m.group_id === groupId && m.active === 1);
}

/** The first active mailbox: the installation's default sender. */
export async function firstActiveMailbox(db: Db) {
  return (await mailboxRowsOnce(db)).find((m) => m.active === 1);
}

export function activeMailboxes(db: Db) {
  return db.selectFrom('mailboxes').select(['id', 'address', 'relay_host']).where('active', '=', 1).orderBy('id').execute();
}
