import type { Db } from '../../../schema.ts';
import { latestCustomerMail } from '../inbound/messages.repository.ts';
import { mayAutoReply } from '../inbound/safety.ts';

/**
 * What mail out needs to know of the mail that came in for a ticket: the mailbox it arrived by,
 * the latest customer mail's Message-ID, References, Thread-Index and Cc's (reply-all), and whether
 * it was auto-submitted (an auto-reply, a bounce, a list: never answered by mail).
 * Read from mail in's record (`email_messages`): the latest message that became the ticket or one
 * of its customer-side articles (bounces and third parties' answers are not the customer's). Null
 * when no mail came in for the ticket (replies then thread on our own earlier mails and the tag).
 */
export interface LatestInboundMail {
  mailboxId: number | null;
  messageId: string | null;
  references: string[];
  threadIndex: string | null;
  cc: Array<{ address: string; name: string | null }>;
  autoSubmitted: boolean;
}

export async function latestInboundMail(db: Db, ticketId: number): Promise<LatestInboundMail | null> {
  const row = await latestCustomerMail(db, ticketId);
  if (!row) return null;
  return {
    mailboxId: row.mailbox_id,
    messageId: row.message_id,
    references: row.references_header ? row.references_header.split(/\s+/).filter(Boolean) : [],
    threadIndex: row.thread_index,
    cc: (JSON.parse(row.cc_json) as Array<{ address: string; name: string }>).map((c) => ({ address: c.address, name: c.name || null })),
    autoSubmitted: !mayAutoReply(JSON.parse(row.flags) as string[]),
  };
}
