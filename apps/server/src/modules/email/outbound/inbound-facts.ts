import type { Db } from '../../../schema.ts';

/**
 * What mail out needs to know of the mail that came in for a ticket: the mailbox it arrived by,
 * the latest customer mail's Message-ID, References, Thread-Index and Cc's (reply-all), and whether
 * it was auto-submitted (an auto-reply, a bounce, a list: never answered by mail).
 *
 * Mail in (the mailin engineer's inbound/) records these; until its table is on this branch no
 * ticket has inbound mail and this answers null, so replies thread on our own earlier mails and
 * the subject tag. Wire it to mailin's inbound record when it lands (one query, below).
 */
export interface LatestInboundMail {
  mailboxId: number | null;
  messageId: string | null;
  references: string[];
  threadIndex: string | null;
  cc: Array<{ address: string; name: string | null }>;
  autoSubmitted: boolean;
}

export async function latestInboundMail(_db: Db, _ticketId: number): Promise<LatestInboundMail | null> {
  return null;
}
