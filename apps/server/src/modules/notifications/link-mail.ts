import type { EventMap } from '@pishkhan/contracts';
import { defineJob, type AppContext } from '../../context.ts';
import { open } from '../../platform/crypto/index.ts';
import { LINK_SEAL_CONTEXT } from '../access/index.ts';
import type { NotificationMailer } from './drivers/types.ts';
import { dueAtText } from './templates/defaults.ts';
import { renderTemplate } from './templates/render.ts';
import { templateFor } from './templates/template-source.ts';

const KIND = { invitation: 'account.invitation', password_reset: 'account.password_reset', sign_up: 'account.sign_up' } as const;

/**
 * Mails a one-time link access issued (`access.link_issued`: an invitation, a password reset, a
 * sign-up's confirmation) to the address it was issued for, in its language — the only place the
 * sealed link is opened. Not a notification: no bell row and no switch (a person cannot turn off
 * the mail they asked for), and nothing of the account beyond the link. A per-ticket link and the
 * invitation of a new requester travel inside the "request received" mail instead (`carried`). At least once: the
 * outbox id is the mail's dedupe key. Without a mailer (no email module) the link stays where the
 * admin's answer showed it.
 */
/** Whether an issued link gets a mail of its own: not a per-ticket link or a carried invitation (they travel inside the "request received" mail). */
export function mailsOwnLink(link: Pick<EventMap['access.link_issued'], 'purpose' | 'carried'>): link is Pick<EventMap['access.link_issued'], 'carried'> & { purpose: keyof typeof KIND } {
  return link.purpose !== 'ticket_link' && !link.carried;
}

export function linkMailJob(ctx: AppContext, mailer: NotificationMailer | undefined) {
  return defineJob('notifications.link_mail', {
    async handler({ payload: event, trx }) {
      const link = event.payload;
      if (!mailer || !mailsOwnLink(link)) return;
      const kind = KIND[link.purpose];
      const template = await templateFor(trx, kind, link.language);
      const values = {
        recipientName: '',
        actionLink: open(ctx.sealKeys, link.sealedLink, LINK_SEAL_CONTEXT),
        expiresAt: dueAtText(new Date(link.expiresAt).toISOString(), link.language),
        portalLink: `${ctx.config.publicUrl.replace(/\/+$/, '')}/portal`,
      };
      await mailer.queue(trx, {
        ticketId: null,
        kind,
        to: { address: link.to, name: null },
        language: link.language,
        ...renderTemplate(template, values, link.language),
        dedupeKey: `${event.outboxId}:link`,
        // No ticket to thread into: it stands alone, from the desk's default mailbox.
        toCustomer: false,
      });
    },
  });
}

/**
 * Tells an account's owner it is locked for a while after repeated failed sign-ins
 * (`access.account_locked`; 15 minutes by default, never for good), by mail in their language:
 * someone else may be guessing their password. Like the link mails, not switchable.
 */
export function lockNoticeJob(ctx: AppContext, mailer: NotificationMailer | undefined) {
  return defineJob('notifications.account_locked', {
    async handler({ payload: event, trx }) {
      if (!mailer) return;
      const { to, language, until } = event.payload;
      const template = await templateFor(trx, 'account.locked', language);
      const values = { recipientName: '', until: dueAtText(new Date(until).toISOString(), language), portalLink: `${ctx.config.publicUrl.replace(/\/+$/, '')}/portal` };
      await mailer.queue(trx, { ticketId: null, kind: 'account.locked', to: { address: to, name: null }, language, ...renderTemplate(template, values, language), dedupeKey: `${event.outboxId}:locked`, toCustomer: false });
    },
  });
}
