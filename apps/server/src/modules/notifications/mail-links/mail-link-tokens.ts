import type { Clock } from '../../../platform/clock/index.ts';
import { issueOneTimeToken } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../schema.ts';

/** What a link in a mail may do once: confirm a resolved ticket, or reopen it, as the contact it was sent to. */
export type MailLinkAction = 'confirm' | 'reopen';
export interface MailLinkSubject {
  action: MailLinkAction;
  ticketId: number;
  contactId: number;
}

export const MAIL_LINK_PURPOSE = 'mail_link';
/** A link works for 30 days (a ticket auto-closes after 7 by default; reopen links outlive that). */
export const MAIL_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Issues the one-time token of a link (only its hash is stored) and returns the URL of its page. */
export async function mailLink(db: Db, clock: Clock, publicUrl: string, subject: MailLinkSubject): Promise<string> {
  const token = await issueOneTimeToken(db, clock, { purpose: MAIL_LINK_PURPOSE, subject: JSON.stringify(subject), ttlMs: MAIL_LINK_TTL_MS });
  return `${publicUrl}/m/${token}`;
}

export function parseMailLinkSubject(text: string): MailLinkSubject | null {
  try {
    const v = JSON.parse(text) as Partial<MailLinkSubject>;
    if ((v.action === 'confirm' || v.action === 'reopen') && Number.isInteger(v.ticketId) && Number.isInteger(v.contactId)) return v as MailLinkSubject;
  } catch {
    // not ours
  }
  return null;
}
