import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../schema.ts';
import { contactReach } from '../../people/index.ts';
import { articleFacts, publicAttachmentsOfArticle, ticketNotificationFacts, type TicketNotificationFacts } from '../../tickets/index.ts';
import { plainToHtml, taggedSubject, withSignature, type MailAddress } from './compose.ts';
import { latestInboundMail } from './inbound-facts.ts';
import { groupSignature, type OutboundRow } from './outbound.repository.ts';
import { queueMail, type MailPurpose } from './queue-mail.ts';

/** What a desk article sent by mail answers: the ticket after the article (its status and version, for the composer to take) and the mail. */
export interface EmailArticleSent {
  ticketId: number;
  ticketStatus: string;
  ticketVersion: number;
  articleId: number;
  message: OutboundRow | undefined;
}

/** Reply-all: the requester, then the Cc's of the latest customer mail (our own mailboxes are taken out when queued). */
export async function replyAllRecipients(db: Db, ticket: TicketNotificationFacts): Promise<{ to: MailAddress[]; cc: MailAddress[]; language: 'fa' | 'en' }> {
  const requester = ticket.requesterContactId === null ? undefined : (await contactReach(db, [ticket.requesterContactId])).get(ticket.requesterContactId);
  const inbound = await latestInboundMail(db, ticket.id);
  return {
    to: requester?.email && requester.active ? [{ address: requester.email, name: requester.name }] : [],
    cc: inbound?.cc ?? [],
    language: requester?.language ?? 'fa',
  };
}

/**
 * Queues an article as mail (a desk's public reply, or a third party's message recorded as a
 * note): subject `Re: [#number] title` (or the given one, tagged), the group's signature in the
 * mail's language, text and HTML, the article's public files (a note's own files for a third party).
 */
export async function queueArticleMail(
  trx: Db,
  ctx: Pick<AppContext, 'clock' | 'secret' | 'jobs'>,
  input: {
    ticketId: number;
    articleId: number;
    purpose: Extract<MailPurpose, 'reply' | 'third_party'>;
    to: MailAddress[];
    cc: MailAddress[];
    bcc: MailAddress[];
    language: 'fa' | 'en';
    subject?: string;
    createdByUserId: number | null;
    /** The text (a reply's is the article's; a third party's message is kept as an internal note, so its sender passes it). */
    body: string;
  },
) {
  const [ticket, article] = await Promise.all([ticketNotificationFacts(trx, input.ticketId), articleFacts(trx, input.articleId)]);
  if (!ticket || !article) return undefined;
  const body = input.body;
  const groupId = ticket.assigneeGroupId ?? ticket.ownerGroupId;
  const signature = groupId === null ? undefined : await groupSignature(trx, groupId);
  const text = withSignature(body, input.language === 'fa' ? signature?.signature_fa : signature?.signature_en);
  // A reply carries its public files; a third party's message (an internal note) carries none.
  const files = input.purpose === 'reply' ? await publicAttachmentsOfArticle(trx, input.articleId) : [];
  return queueMail(trx, ctx, {
    ticket,
    articleId: input.articleId,
    purpose: input.purpose,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: taggedSubject(input.subject ?? ticket.title, ticket.number, input.purpose === 'reply' && input.subject === undefined ? 'Re: ' : ''),
    text,
    html: plainToHtml(text, input.language),
    attachments: files.map((f) => ({ sha256: f.sha256, filename: f.filename, contentType: f.content_type })),
    language: input.language,
    dedupeKey: `${input.purpose}:${input.articleId}`,
    createdByUserId: input.createdByUserId,
    thread: true,
  });
}
