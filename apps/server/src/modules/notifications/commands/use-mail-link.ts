import { onBehalfOf, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { consumeOneTimeToken } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AppContext } from '../../../context.ts';
import { confirmTicket, reopenTicket } from '../../tickets/index.ts';
import { MAIL_LINK_PURPOSE, parseMailLinkSubject, type MailLinkAction } from '../mail-links/mail-link-tokens.ts';
import { NotificationErrors } from '../notifications.errors.ts';

/**
 * Does what a link in a mail offers (confirm a resolved ticket, or reopen it), once: the one-time
 * token is the authority — whoever holds it acts as the contact it was sent to, held to that
 * contact's rules (the requester may confirm or reopen). Who calls does not matter, so the caller
 * is not consulted. An unknown, used or expired token is 404 mail_link.invalid; a ticket that is no
 * longer resolved is 409 and the token stays unused (the whole command rolls back).
 */
export const useMailLink = defineCommand(
  'notification.use_mail_link',
  async (ctx: AppContext, input: { actor: Actor; token: string }): Promise<{ action: MailLinkAction; ticketId: number; ticketNumber: number }> => {
    const subject = parseMailLinkSubject((await consumeOneTimeToken(ctx.db, ctx.clock, { purpose: MAIL_LINK_PURPOSE, token: input.token })) ?? '');
    if (!subject) throw new DomainError(NotificationErrors['mail_link.invalid']);
    const run = subject.action === 'confirm' ? confirmTicket : reopenTicket;
    const view = await run(ctx, { actor: onBehalfOf('mail', subject.contactId), ticketId: subject.ticketId });
    return { action: subject.action, ticketId: subject.ticketId, ticketNumber: Number(view.access.row.number) };
  },
);
