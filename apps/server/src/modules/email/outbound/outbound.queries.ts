import type { OutboundMessages, OutboundOverview } from '@pishkhan/contracts';
import { hasRole, type Actor } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { authorize, requireUser } from '../../../platform/policy/index.ts';
import type { Db } from '../../../schema.ts';
import { loadTicketAccess, ticketPolicy } from '../../tickets/index.ts';
import { REASON_TEXT } from './outbound.errors.ts';
import { activeMailboxes, outboundOfTicket, waitingCounts } from './outbound.repository.ts';
import { presentOutbound } from './outbound.presenter.ts';
import { outboundSettings } from './outbound.settings.ts';

/** A ticket's mail (replies, third-party messages, notifications) with status and reason — the desk's view (contacts 403, unseen 404). */
export async function ticketMail(db: Db, actor: Actor, ticketId: number): Promise<OutboundMessages> {
  const access = authorize(ticketPolicy, requireUser(actor), 'note', await loadTicketAccess(db, ticketId));
  return { items: (await outboundOfTicket(db, access.id)).map(presentOutbound) };
}

/** Why mail does or does not leave (admins): relays per mailbox, what waits and why. */
export async function outboundOverview(db: Db, actor: Actor, language: 'fa' | 'en'): Promise<OutboundOverview> {
  if (!hasRole(requireUser(actor), 'admin')) throw forbidden('email.outbound');
  const [relay, mailboxes, waiting] = await Promise.all([outboundSettings.get(db, 'email.default_relay'), activeMailboxes(db), waitingCounts(db)]);
  const rows = mailboxes.map((m) => ({ id: m.id, address: m.address, relay: m.relay_host ? ('own' as const) : relay ? ('default' as const) : ('none' as const) }));
  const noRelay = rows.length === 0 || rows.some((m) => m.relay === 'none');
  const firstProblem = noRelay ? 'no_relay' : waiting.find((w) => w.status === 'failed')?.reason ?? null;
  return {
    defaultRelay: relay ? { host: relay.host, port: relay.port, security: relay.security, user: relay.user, passwordSet: relay.passwordSealed !== null } : null,
    mailboxes: rows,
    waiting: waiting as OutboundOverview['waiting'],
    problem: firstProblem ? (REASON_TEXT[firstProblem]?.[language] ?? firstProblem) : null,
  };
}
