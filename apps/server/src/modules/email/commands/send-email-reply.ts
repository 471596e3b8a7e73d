import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AppContext } from '../../../context.ts';
import { appendArticle, ticketNotificationFacts } from '../../tickets/index.ts';
import { OutboundErrors } from '../outbound/outbound.errors.ts';
import { outboundOfArticle } from '../outbound/outbound.repository.ts';
import { queueArticleMail, replyAllRecipients, type EmailArticleSent } from '../outbound/reply-mail.ts';

const asAddresses = (list: readonly string[] | undefined) => list?.map((address) => ({ address, name: null }));

/**
 * A desk's public reply sent by mail, with the recipients the composer chose: the reply is
 * appended through tickets' appendArticle (which authorises: 404 unseen, 403, 409 closed) and its
 * mail recorded in the same transaction. Omitted lists default to reply-all (the requester and the
 * Cc's of the latest customer mail; Bcc empty). A contact's reply is not mailed (403).
 */
export const sendEmailReply = defineCommand(
  'email.send_reply',
  async (
    ctx: AppContext,
    input: { actor: Actor; ticketId: number; body: string; attachmentIds?: readonly number[] | undefined; to?: string[]; cc?: string[]; bcc?: string[]; idempotencyKey?: string | undefined },
  ): Promise<EmailArticleSent> => {
    const appended = await appendArticle(ctx, { actor: input.actor, ticketId: input.ticketId, kind: 'reply', body: input.body, attachmentIds: input.attachmentIds, idempotencyKey: input.idempotencyKey });
    const articleId = appended.article.row.id;
    if (appended.article.row.author_kind !== 'agent') throw new DomainError(OutboundErrors['email.reply_not_from_desk']);
    const existing = await outboundOfArticle(ctx.db, articleId);
    const ticketAfter = { ticketId: appended.ticket.id, ticketStatus: appended.ticket.status, ticketVersion: appended.ticket.version, articleId };
    if (existing) return { ...ticketAfter, message: existing };
    const ticket = (await ticketNotificationFacts(ctx.db, appended.ticket.id))!;
    const defaults = await replyAllRecipients(ctx.db, ticket);
    const message = await queueArticleMail(ctx.db, ctx, {
      ticketId: ticket.id,
      articleId,
      purpose: 'reply',
      to: asAddresses(input.to) ?? defaults.to,
      cc: asAddresses(input.cc) ?? defaults.cc,
      bcc: asAddresses(input.bcc) ?? [],
      language: defaults.language,
      body: input.body,
      createdByUserId: input.actor.kind === 'user' ? input.actor.userId : null,
    });
    return { ...ticketAfter, message };
  },
);
