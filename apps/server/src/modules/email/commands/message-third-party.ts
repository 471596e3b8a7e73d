import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AppContext } from '../../../context.ts';
import { appendArticle } from '../../tickets/index.ts';
import { OutboundErrors } from '../outbound/outbound.errors.ts';
import { queueArticleMail, type EmailArticleSent } from '../outbound/reply-mail.ts';

/**
 * "Message a third party" (a vendor, while the ticket waits on them): the text is kept as an
 * internal note (tickets' appendArticle authorises: the desk only) and mailed from the ticket's
 * mailbox with the ticket's Message-ID token, so the vendor's answer threads back — as a
 * non-public article, through the Message-ID recorded here (outboundByMessageId).
 */
export const messageThirdParty = defineCommand(
  'email.message_third_party',
  async (
    ctx: AppContext,
    input: { actor: Actor; ticketId: number; to: string[]; cc?: string[]; subject?: string; body: string; idempotencyKey?: string | undefined },
  ): Promise<EmailArticleSent> => {
    const appended = await appendArticle(ctx, { actor: input.actor, ticketId: input.ticketId, kind: 'note', body: input.body, idempotencyKey: input.idempotencyKey });
    if (appended.article.row.author_kind !== 'agent') throw new DomainError(OutboundErrors['email.reply_not_from_desk']);
    const articleId = appended.article.row.id;
    const message = await queueArticleMail(ctx.db, ctx, {
      ticketId: appended.ticket.id,
      articleId,
      purpose: 'third_party',
      to: input.to.map((address) => ({ address, name: null })),
      cc: (input.cc ?? []).map((address) => ({ address, name: null })),
      bcc: [],
      language: input.actor.locale,
      ...(input.subject === undefined ? {} : { subject: input.subject }),
      body: input.body,
      createdByUserId: input.actor.kind === 'user' ? input.actor.userId : null,
    });
    return { ticketId: appended.ticket.id, ticketStatus: appended.ticket.status, ticketVersion: appended.ticket.version, articleId, message };
  },
);
