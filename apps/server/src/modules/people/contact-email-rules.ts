import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { emailKey, firstDuplicate } from './contact-keys.ts';
import { emailKeysTakenByOthers } from './contacts.repository.ts';
import { PeopleErrors } from './people.errors.ts';

/**
 * An email address belongs to one contact. It says nothing about sign-ins: a contact whose address
 * is also someone's sign-in is NOT that person's contact until they prove it or an admin links them
 * (link-contact-sign-in), else anyone who may edit contacts could make themself any organisation's customer.
 */

/** Each address once in the list (400), and none already another contact's (409 record.conflict). */
export async function assertEmailsFree(db: Db, emails: readonly string[], exceptContactId: number | null): Promise<void> {
  const repeated = firstDuplicate(emails, emailKey);
  if (repeated !== undefined) throw new DomainError(PeopleErrors['contact.duplicate_email'], { field: 'emails', email: repeated });
  const taken = await emailKeysTakenByOthers(db, emails.map(emailKey), exceptContactId);
  const first = emails.find((e) => taken.some((t) => t.email_normalized === emailKey(e)));
  if (first !== undefined) throw new DomainError(CommonErrors['record.conflict'], { field: 'emails', email: first });
}
