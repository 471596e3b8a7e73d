import type { Clock } from '../../../platform/clock/index.ts';
import type { Db } from '../../../schema.ts';
import type { ContactSignInPort } from '../../../platform/actor.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { portalInvitationLink, ticketMagicLink, userEmails } from '../../access/index.ts';
import { contactReach, findGroup, namesOfUsers } from '../../people/index.ts';
import { mailLink } from '../mail-links/mail-link-tokens.ts';
import { CUSTOMER_KINDS, dayText, dueAtText, SLA_TARGET_NAMES } from '../templates/defaults.ts';
import { renderTemplate } from '../templates/render.ts';
import { templateFor } from '../templates/template-source.ts';
import type { NotificationDriver, NotificationMailer, OutgoingNotification } from './types.ts';

/**
 * The email driver of the notification port: finds the recipient's address (a contact's first
 * email, a user's sign-in email), renders the kind's template in the recipient's language (text
 * and RTL/LTR HTML, every value escaped), issues the one-time tokens of confirm/reopen links, and
 * queues the mail through the mail-out port in the job's transaction. Nothing is sent from here.
 */
export interface EmailDriverContext {
  clock: Clock;
  publicUrl: string;
  /** For the links of the "request received" mail (access's one-time tokens, announced sealed). */
  sealKeys: SealKey[];
  contactSignIns: ContactSignInPort;
}

export function emailDriver(ctx: EmailDriverContext, mailer: NotificationMailer): NotificationDriver {
  return {
    name: 'email',
    async deliver(trx, n) {
      const to = await addressOf(trx, n);
      if (!to) return;
      const toCustomer = CUSTOMER_KINDS.has(n.kind) && n.recipient.kind === 'contact';
      const values = await valuesOf(trx, ctx, n, to, toCustomer);
      const template = await templateFor(trx, n.kind, n.language);
      const rendered = renderTemplate(template, values, n.language);
      await mailer.queue(trx, { ticketId: n.ticketId, ticket: n.ticket, kind: n.kind, to, language: n.language, ...rendered, dedupeKey: n.dedupeKey, toCustomer, ...(n.data.articleId === undefined ? {} : { articleId: n.data.articleId }) });
    },
  };
}

async function addressOf(db: Db, n: OutgoingNotification): Promise<{ address: string; name: string | null } | null> {
  if (n.recipient.kind === 'contact') {
    const c = n.contact ?? (await contactReach(db, [n.recipient.contactId])).get(n.recipient.contactId);
    return c && c.active && c.email ? { address: c.email, name: c.name } : null;
  }
  const userId = n.recipient.userId;
  const [email, names] = await Promise.all([userEmails(db, [userId]), namesOfUsers(db, [userId])]);
  const address = email.get(userId);
  const name = names.get(userId);
  return address ? { address, name: name?.agentName ?? name?.contactName ?? null } : null;
}

async function valuesOf(db: Db, ctx: EmailDriverContext, n: OutgoingNotification, to: { address: string; name: string | null }, toCustomer: boolean): Promise<Record<string, string>> {
  const name = to.name;
  const base = ctx.publicUrl;
  const number = n.data.ticketNumber === undefined ? '' : String(n.data.ticketNumber);
  const values: Record<string, string> = {
    recipientName: name ?? '',
    ticketNumber: number,
    ticketTitle: n.data.ticketTitle ?? '',
    actorName: n.data.actorName ?? (n.language === 'fa' ? 'پیشخوان' : 'Pishkhan'),
    portalLink: `${base}/portal`,
    ticketLink: toCustomer ? `${base}/portal/tickets/${number}` : `${base}/tickets/${number}`,
  };
  if (toCustomer && n.ticketId !== null && n.recipient.kind === 'contact' && n.kind === 'ticket.received') {
    Object.assign(values, await receivedLinks(db, ctx, { ticketId: n.ticketId, contactId: n.recipient.contactId, to: to.address, language: n.language, known: n.contact ? { ...n.contact, userId: n.userId } : undefined }));
  }
  if (n.data.escalationLevel !== undefined) values.escalationLevel = n.language === 'fa' ? String(n.data.escalationLevel).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : String(n.data.escalationLevel);
  if (n.data.slaTarget !== undefined) values.slaTarget = SLA_TARGET_NAMES[n.language][n.data.slaTarget];
  if (n.data.dueAt !== undefined) values.dueAt = dueAtText(n.data.dueAt, n.language);
  if (n.data.contractName !== undefined) values.contractName = n.data.contractName;
  if (n.data.endsOn !== undefined) values.endsOn = dayText(n.data.endsOn, n.language);
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

/**
 * The links of the "request received" mail: the per-ticket magic link (the ticket's page without a
 * password) and, for a contact with no sign-in yet, the portal invitation (one hour, single use;
 * a contact who signs in already gets the portal's address).
 */
async function receivedLinks(
  db: Db,
  ctx: EmailDriverContext,
  input: { ticketId: number; contactId: number; to: string; language: 'fa' | 'en'; known: { email: string | null; active: boolean; userId: number | null } | undefined },
): Promise<{ ticketLink: string; invitationLink: string }> {
  const linkCtx = { db, clock: ctx.clock, sealKeys: ctx.sealKeys, config: { publicUrl: ctx.publicUrl }, contactSignIns: ctx.contactSignIns };
  const { link: ticketLink } = await ticketMagicLink(linkCtx, { ticketId: input.ticketId, contactId: input.contactId, to: input.to, language: input.language });
  // The contact's sign-in, state and address came with the recipient's language (one read in notify): not read again.
  const target = input.known ?? (await ctx.contactSignIns.target(db, input.contactId));
  const invitationLink = target && target.userId === null && target.active && target.email ? (await portalInvitationLink(linkCtx, { contactId: input.contactId, carried: true })).link : `${ctx.publicUrl}/portal`;
  return { ticketLink, invitationLink };
}
