import type { AppContext } from '../../../context.ts';
import type { NotificationMailer } from '../../notifications/index.ts';
import { ticketNotificationFacts } from '../../tickets/index.ts';
import { latestInboundMail } from './inbound-facts.ts';
import { mailboxSwitchedOff, outboundOfArticle } from './outbound.repository.ts';
import { mailboxForTicket, queueMail } from './queue-mail.ts';
import { replyAllRecipients } from './reply-mail.ts';

/**
 * The notification port's mail-out: a rendered notification becomes an outbound mail from the
 * ticket's mailbox, unless that mailbox switched the kind off, the customer's latest mail was
 * automatic (never answer an auto-reply), or — for a new public reply — the reply itself went to
 * that address by mail already.
 */
export function outboundMailer(ctx: Pick<AppContext, 'clock' | 'secret' | 'jobs'>): NotificationMailer {
  return {
    async queue(trx, mail) {
      // The notification read the ticket in this transaction already; a mail without them reads it here.
      const ticket = mail.ticketId === null ? undefined : mail.ticket?.id === mail.ticketId ? mail.ticket : await ticketNotificationFacts(trx, mail.ticketId);
      // Read once here and handed to queueMail, which would otherwise read both again.
      const inbound = ticket ? await latestInboundMail(trx, ticket.id) : null;
      const mailbox = await mailboxForTicket(trx, ticket ?? null, { inbound });
      if (mailbox && (await mailboxSwitchedOff(trx, mailbox.id, mail.kind))) return;
      if (ticket && mail.toCustomer) {
        if (inbound?.autoSubmitted) return;
        if (mail.kind === 'ticket.public_reply' && mail.articleId !== undefined) {
          const reply = await outboundOfArticle(trx, mail.articleId);
          const sentTo = reply
            ? [...JSON.parse(reply.to_json), ...JSON.parse(reply.cc_json), ...JSON.parse(reply.bcc_json)].map((a: { address: string }) => a.address.toLowerCase())
            : await defaultReplyAddresses(trx, ticket);
          if (sentTo.includes(mail.to.address.toLowerCase())) return;
        }
      }
      await queueMail(trx, ctx, {
        ticket: ticket ?? null,
        articleId: null,
        purpose: 'notification',
        notificationKind: mail.kind,
        to: [mail.to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        language: mail.language,
        dedupeKey: `notification:${mail.dedupeKey}`,
        createdByUserId: null,
        // A customer's notice threads into the conversation (a reply to it lands in the ticket); an agent's stands alone.
        thread: mail.toCustomer,
        known: { mailbox, inbound },
      });
    },
  };
}

/** Who the reply of a ticket goes to by default (its reply mail may not be recorded yet: both jobs come from one event). */
async function defaultReplyAddresses(trx: Parameters<NotificationMailer['queue']>[0], ticket: NonNullable<Awaited<ReturnType<typeof ticketNotificationFacts>>>): Promise<string[]> {
  const r = await replyAllRecipients(trx, ticket);
  return [...r.to, ...r.cc].map((a) => a.address.toLowerCase());
}
