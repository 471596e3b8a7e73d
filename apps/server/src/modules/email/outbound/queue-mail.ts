import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../schema.ts';
import { allMailboxAddressKeys, mailboxByIdOnce, type MailboxRow } from '../mailboxes/mailboxes.repository.ts';
import { formatMessageId, messageIdDomain, ticketMessageToken, uniquePart } from '../threading/message-id.ts';
import { recipientLists, type MailAddress } from './compose.ts';
import { latestInboundMail, type LatestInboundMail } from './inbound-facts.ts';
import { activeMailboxOfGroup, firstActiveMailbox, insertOutbound, threadMessageIds, type OutboundRow } from './outbound.repository.ts';
import { hasRelay } from './relay.ts';
import { childThreadIndex, parseThreadIndex, threadIndexHeader } from './thread-index.ts';
import { randomBytes } from 'node:crypto';
import { CUSTOMER_KINDS } from '../../notifications/index.ts';

/** A fixed origin for the Thread-Index time of our conversations (only stability matters). */
const THREAD_EPOCH = Date.UTC(2020, 0, 1);

export type MailPurpose = 'reply' | 'third_party' | 'notification';

export interface MailToQueue {
  ticket: { id: number; assigneeGroupId: number | null; ownerGroupId: number | null } | null;
  articleId: number | null;
  purpose: MailPurpose;
  notificationKind?: string;
  to: MailAddress[];
  cc?: MailAddress[];
  bcc?: MailAddress[];
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ sha256: string; filename: string; contentType: string }>;
  language: 'fa' | 'en';
  dedupeKey: string | null;
  createdByUserId: number | null;
  /** Threads on the conversation (In-Reply-To, References, Thread-Index); notifications stand alone. */
  thread: boolean;
  /** What the caller read already (the notification mailer): the ticket's mailbox and its latest customer mail, not read again. */
  known?: { mailbox: MailboxRow | undefined; inbound: LatestInboundMail | null };
}

/** The mailbox a ticket's mail goes from: the one its mail came in by, else its group's, else the first active one. */
export async function mailboxForTicket(db: Db, ticket: MailToQueue['ticket'], known?: { inbound: LatestInboundMail | null }): Promise<MailboxRow | undefined> {
  if (ticket) {
    const inbound = known ? known.inbound : await latestInboundMail(db, ticket.id);
    if (inbound?.mailboxId) {
      const row = await mailboxByIdOnce(db, inbound.mailboxId);
      if (row?.active) return row;
    }
    for (const groupId of [ticket.assigneeGroupId, ticket.ownerGroupId]) {
      if (groupId === null) continue;
      const row = await activeMailboxOfGroup(db, groupId);
      if (row) return row;
    }
  }
  return firstActiveMailbox(db);
}

/**
 * Records one outgoing mail and enqueues its sending job, in the caller's transaction (nothing is
 * sent unless the change that causes it commits). The Message-ID carries the ticket's token
 * (threading/message-id.ts), so an answer can be matched to the ticket and to this mail. A mail
 * with nobody left to send to (after our own mailboxes are taken out), or no relay to go through,
 * is recorded as held and makes no job. A repeated dedupe key records nothing and returns undefined.
 */
export async function queueMail(trx: Db, ctx: Pick<AppContext, 'clock' | 'secret' | 'jobs'>, mail: MailToQueue): Promise<OutboundRow | undefined> {
  const mailbox = mail.known ? mail.known.mailbox : await mailboxForTicket(trx, mail.ticket);
  const from = mailbox ? { address: mailbox.address, name: mailbox.name } : { address: 'pishkhan@localhost', name: 'Pishkhan' };
  const ours = await allMailboxAddressKeys(trx);
  const lists = recipientLists({ to: mail.to, cc: mail.cc ?? [], bcc: mail.bcc ?? [] }, ours);
  const domain = messageIdDomain(from.address);
  const now = ctx.clock.now();
  const tokenCtx = { db: trx, secret: ctx.secret, clock: ctx.clock };
  let messageId: string;
  let inReplyTo: string | null = null;
  let references: string[] = [];
  let threadIndex: string | null = null;
  if (mail.ticket) {
    // One token for the Message-ID and the Thread-Index root alike.
    const token = await ticketMessageToken(tokenCtx, mail.ticket.id);
    messageId = formatMessageId({ ticketId: mail.ticket.id, token, unique: uniquePart(mail.articleId ?? undefined), domain });
    if (mail.thread) {
      const inbound = mail.purpose === 'third_party' ? null : mail.known ? mail.known.inbound : await latestInboundMail(trx, mail.ticket.id);
      const ours = await threadMessageIds(trx, mail.ticket.id, mail.purpose === 'third_party' ? 'third_party' : 'customer', [...CUSTOMER_KINDS]);
      references = [...new Set([...(inbound?.references ?? []), ...ours, ...(inbound?.messageId ? [inbound.messageId] : [])])].slice(-20);
      inReplyTo = inbound?.messageId ?? ours.at(-1) ?? null;
      const parent = parseThreadIndex(inbound?.threadIndex) ?? threadIndexHeader(THREAD_EPOCH, token);
      threadIndex = childThreadIndex(parent, THREAD_EPOCH, now);
    }
  } else {
    // Not about a ticket: a plain unique id that names no ticket.
    messageId = `<pishkhan.${randomBytes(12).toString('hex')}@${domain}>`;
  }
  const nobody = lists.to.length + lists.cc.length + lists.bcc.length === 0;
  // No relay to send through: held at once, as its job would hold it (no job; a relay configured later re-queues it).
  const noRelay = !nobody && !(await hasRelay(trx, mailbox));
  const row = await insertOutbound(trx, {
    ticket_id: mail.ticket?.id ?? null,
    article_id: mail.articleId,
    purpose: mail.purpose,
    notification_kind: mail.notificationKind ?? null,
    mailbox_id: mailbox?.id ?? null,
    from_address: from.address,
    from_name: from.name,
    to_json: JSON.stringify(lists.to),
    cc_json: JSON.stringify(lists.cc),
    bcc_json: JSON.stringify(lists.bcc),
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    attachments_json: JSON.stringify(mail.attachments ?? []),
    message_id: messageId,
    in_reply_to: inReplyTo,
    references_header: references.length > 0 ? references.join(' ') : null,
    thread_index: threadIndex,
    language: mail.language,
    status: nobody || noRelay ? 'held' : 'queued',
    reason: nobody ? 'no_recipients' : noRelay ? 'no_relay' : null,
    last_error: null,
    attempts: 0,
    dedupe_key: mail.dedupeKey,
    created_by_user_id: mail.createdByUserId,
    created_at: now,
    updated_at: now,
    sent_at: null,
  });
  if (row && !nobody && !noRelay) await ctx.jobs.enqueue(trx, 'email.send_message', { outboundId: row.id }, { uniqueKey: `email.send_message:${row.id}:0` });
  return row;
}
