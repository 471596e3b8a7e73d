import type { MailLink } from '@pishkhan/contracts';
import type { Clock } from '../../../platform/clock/index.ts';
import { peekOneTimeToken } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../schema.ts';
import { ticketNotificationFacts } from '../../tickets/index.ts';
import { MAIL_LINK_PURPOSE, parseMailLinkSubject } from './mail-link-tokens.ts';

/** What a token's link would do, without using it; null when it is unknown, used or expired. */
export async function peekMailLink(db: Db, clock: Clock, token: string): Promise<MailLink | null> {
  const subject = parseMailLinkSubject((await peekOneTimeToken(db, clock, { purpose: MAIL_LINK_PURPOSE, token })) ?? '');
  if (!subject) return null;
  const ticket = await ticketNotificationFacts(db, subject.ticketId);
  return ticket ? { action: subject.action, ticketId: ticket.id, ticketNumber: ticket.number, ticketTitle: ticket.title } : null;
}
