import type { Clock } from '../../../platform/clock/index.ts';
import type { Db } from '../../../schema.ts';
import { userEmails } from '../../access/index.ts';
import { contactReach, findGroup, namesOfUsers } from '../../people/index.ts';
import { mailLink } from '../mail-links/mail-link-tokens.ts';
import { CUSTOMER_KINDS } from '../templates/defaults.ts';
import { renderTemplate } from '../templates/render.ts';
import { templateFor } from '../templates/template-source.ts';
import type { NotificationDriver, NotificationMailer, OutgoingNotification } from './types.ts';

/**
 * The email driver of the notification port: finds the recipient's address (a contact's first
 * email, a user's sign-in email), renders the kind's template in the recipient's language (text
 * and RTL/LTR HTML, every value escaped), issues the one-time tokens of confirm/reopen links, and
 * queues the mail through the mail-out port in the job's transaction. Nothing is sent from here.
 */
export function emailDriver(ctx: { clock: Clock; publicUrl: string }, mailer: NotificationMailer): NotificationDriver {
  return {
    name: 'email',
    async deliver(trx, n) {
      const to = await addressOf(trx, n);
      if (!to) return;
      const toCustomer = CUSTOMER_KINDS.has(n.kind) && n.recipient.kind === 'contact';
      const values = await valuesOf(trx, ctx, n, to.name, toCustomer);
      const template = await templateFor(trx, n.kind, n.language);
      const rendered = renderTemplate(template, values, n.language);
      await mailer.queue(trx, { ticketId: n.ticketId, kind: n.kind, to, language: n.language, ...rendered, dedupeKey: n.dedupeKey, toCustomer, ...(n.data.articleId === undefined ? {} : { articleId: n.data.articleId }) });
    },
  };
}

async function addressOf(db: Db, n: OutgoingNotification): Promise<{ address: string; name: string | null } | null> {
  if (n.recipient.kind === 'contact') {
    const c = (await contactReach(db, [n.recipient.contactId])).get(n.recipient.contactId);
    return c && c.active && c.email ? { address: c.email, name: c.name } : null;
  }
  const userId = n.recipient.userId;
  const [email, names] = await Promise.all([userEmails(db, [userId]), namesOfUsers(db, [userId])]);
  const address = email.get(userId);
  const name = names.get(userId);
  return address ? { address, name: name?.agentName ?? name?.contactName ?? null } : null;
}

async function valuesOf(db: Db, ctx: { clock: Clock; publicUrl: string }, n: OutgoingNotification, name: string | null, toCustomer: boolean): Promise<Record<string, string>> {
  const base = ctx.publicUrl;
  const number = n.data.ticketNumber === undefined ? '' : String(n.data.ticketNumber);
  const values: Record<string, string> = {
    recipientName: name ?? '',
    ticketNumber: number,
    ticketTitle: n.data.ticketTitle ?? '',
    actorName: n.data.actorName ?? (n.language === 'fa' ? 'پیشخوان' : 'Pishkhan'),
    portalLink: `${base}/portal`,
    // The per-ticket magic link (accounts) is not on main yet: the portal's ticket page it is.
    ticketLink: toCustomer ? `${base}/portal/tickets/${number}` : `${base}/tickets/${number}`,
  };
  if (n.data.escalationLevel !== undefined) values.escalationLevel = n.language === 'fa' ? String(n.data.escalationLevel).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : String(n.data.escalationLevel);
  if (n.data.groupId != null) {
    const group = await findGroup(db, n.data.groupId);
    if (group) values.groupName = group.name;
  }
  if (toCustomer && n.ticketId !== null && n.recipient.kind === 'contact' && n.kind === 'ticket.resolved') {
    // Nothing leaves closed but an inbound mail, so only the resolved notice carries actions.
    const subject = { ticketId: n.ticketId, contactId: n.recipient.contactId };
    values.confirmLink = await mailLink(db, ctx.clock, base, { action: 'confirm', ...subject });
    values.reopenLink = await mailLink(db, ctx.clock, base, { action: 'reopen', ...subject });
  }
  return values;
}
