import type { Db } from '../../schema.ts';
import { userLocales } from '../access/index.ts';
import { contactReach } from '../people/index.ts';
import type { NotificationRecipient } from './drivers/types.ts';

export interface RecipientFacts {
  language: 'fa' | 'en';
  /** The sign-in behind the recipient (a contact's linked one), or null. */
  userId: number | null;
  /** A contact recipient's first address, name and whether they are active (read here, so drivers need not read them again). */
  contact?: { email: string | null; name: string; active: boolean };
}

/**
 * Each recipient's language (a user's locale from access, a contact's from people; 'fa' when
 * unknown) and the sign-in behind it, one query per kind of recipient.
 */
export async function recipientFacts(db: Db, recipients: readonly NotificationRecipient[]): Promise<(r: NotificationRecipient) => RecipientFacts> {
  const userIds = recipients.flatMap((r) => (r.kind === 'user' ? [r.userId] : []));
  const contactIds = recipients.flatMap((r) => (r.kind === 'contact' ? [r.contactId] : []));
  const [users, contacts] = await Promise.all([userLocales(db, userIds), contactReach(db, contactIds)]);
  return (r) => {
    if (r.kind === 'user') return { language: users.get(r.userId) ?? 'fa', userId: r.userId };
    const c = contacts.get(r.contactId);
    return { language: c?.language ?? 'fa', userId: c?.userId ?? null, ...(c ? { contact: { email: c.email, name: c.name, active: c.active } } : {}) };
  };
}
