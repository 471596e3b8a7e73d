import { defineJob, type AppContext } from '../../../context.ts';
import type { Contribution } from '../../../platform/modules.ts';
import { articleFacts, ticketNotificationFacts } from '../../tickets/index.ts';
import { outboundOfArticle } from './outbound.repository.ts';
import { queueArticleMail, replyAllRecipients } from './reply-mail.ts';
import { sendOutbound } from './send-message.ts';

/** Attempts to hand a mail to the relay; between them 1, 2, 4 … minutes (at most an hour). */
const SEND_ATTEMPTS = 6;
const sendBackoff = (attempt: number) => Math.min(60 * 60_000, 60_000 * 2 ** (attempt - 1));

/**
 * Mail out's jobs: a desk's public reply (any route) becomes a reply-all mail unless one was
 * recorded with it (the email reply route); each recorded mail is sent by its own job.
 */
export function outboundJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'subscriptions'> {
  const mailReply = defineJob('email.mail_reply', {
    async handler({ payload: event, trx }) {
      const { ticketId, articleId, kind, internal, actorUserId } = event.payload;
      if (kind !== 'reply' || internal) return;
      const article = await articleFacts(trx, articleId);
      if (!article || article.authorKind !== 'agent' || article.publicBody === null) return;
      if (await outboundOfArticle(trx, articleId)) return;
      const ticket = await ticketNotificationFacts(trx, article.ticketId);
      if (!ticket || ticket.id !== ticketId) return;
      const recipients = await replyAllRecipients(trx, ticket);
      if (recipients.to.length + recipients.cc.length === 0) return;
      await queueArticleMail(trx, ctx, {
        ticketId: ticket.id,
        articleId,
        purpose: 'reply',
        to: recipients.to,
        cc: recipients.cc,
        bcc: [],
        language: recipients.language,
        body: article.publicBody,
        createdByUserId: actorUserId,
      });
    },
  });

  const sendMessage = defineJob('email.send_message', {
    maxAttempts: SEND_ATTEMPTS,
    backoffMs: sendBackoff,
    // No leaseMs of its own: its transaction is short (the relay talks outside it, send-message.ts),
    // so it shares a batch's commit with other short jobs. The default 5-minute lease covers the
    // talk, which relay.ts's timeouts bound well inside it.
    handler: ({ payload, trx, attempt }) => sendOutbound(trx, ctx, { outboundId: payload.outboundId, attempt, maxAttempts: SEND_ATTEMPTS }),
  });

  return {
    jobs: [mailReply, sendMessage],
    // Inline (ADR 0031): it only records the mail and enqueues `email.send_message`, which talks to the relay.
    subscriptions: [{ event: 'ticket.article_added', job: 'email.mail_reply', inline: true }],
  };
}
