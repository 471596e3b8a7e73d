import type { Db } from '../../schema.ts';
import { userLocales } from '../access/index.ts';
import { contactLanguages } from '../people/index.ts';
import type { NotificationRecipient } from './drivers/types.ts';

/** Each recipient's language (a user's locale from access, a contact's from people), one query per kind; 'fa' when unknown. */
export async function languagesOf(db: Db, recipients: readonly NotificationRecipient[]): Promise<(r: NotificationRecipient) => 'fa' | 'en'> {
  const userIds = recipients.flatMap((r) => (r.kind === 'user' ? [r.userId] : []));
  const contactIds = recipients.flatMap((r) => (r.kind === 'contact' ? [r.contactId] : []));
  const [users, contacts] = await Promise.all([userLocales(db, userIds), contactLanguages(db, contactIds)]);
  return (r) => (r.kind === 'user' ? users.get(r.userId) : contacts.get(r.contactId)) ?? 'fa';
}
