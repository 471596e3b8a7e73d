import type { HeldMail, HeldMailDetail, InboundMail, InboundMailState } from '@pishkhan/contracts';
import type { EmailMessageRow } from './messages.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Where an inbound message's raw bytes are downloaded (desk agents who see its ticket; reviewers for held mail). */
export const rawMessageUrl = (id: number): string => `/api/v1/email/inbound/${id}/raw`;

export function presentHeldMail(row: EmailMessageRow): HeldMail {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    from: row.from_address,
    subject: row.subject,
    size: row.raw_size,
    flags: JSON.parse(row.flags) as string[],
    receivedAt: iso(row.received_at),
  };
}

/** The message in full, its body as text only (outside text is never markup here). */
export function presentHeldMailDetail(row: EmailMessageRow): HeldMailDetail {
  return {
    ...presentHeldMail(row),
    state: row.state as InboundMailState,
    body: row.visible_body,
    foldedBody: row.folded_body,
    problems: JSON.parse(row.problems) as string[],
    ticketId: row.ticket_id,
    rawUrl: rawMessageUrl(row.id),
  };
}

/** A ticket's inbound mail as the desk reads it. */
export function presentInboundMail(row: EmailMessageRow): InboundMail {
  return {
    id: row.id,
    articleId: row.article_id,
    from: row.from_address,
    subject: row.subject,
    state: row.state as InboundMailState,
    flags: JSON.parse(row.flags) as string[],
    receivedAt: iso(row.received_at),
    body: row.visible_body,
    foldedBody: row.folded_body,
    html: row.html,
    rawUrl: rawMessageUrl(row.id),
  };
}
