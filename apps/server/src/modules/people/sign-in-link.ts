import { actorUserId, type Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import { insertContactHistory } from './contact-history.repository.ts';
import { contactIdOfUser, updateContactAtVersion, type ContactRow } from './contacts.repository.ts';
import type { PeopleContext } from './people.context.ts';

/**
 * The one way a sign-in becomes a contact's: a contact without a sign-in, a sign-in that is no
 * contact yet (one person, one contact), one version step on the contact, a history row and a
 * `contact.sign_in_linked` event. Who may do it is the caller's to decide (an admin's explicit
 * link; the accounts issue adds the person's own accepted invitation or verified email).
 */
export async function linkSignInToContact(ctx: PeopleContext, actor: Actor, contact: ContactRow, userId: number): Promise<void> {
  if (contact.user_id !== null) throw new DomainError(CommonErrors['record.conflict'], { field: 'userId', reason: 'contact_has_sign_in' });
  if ((await contactIdOfUser(ctx.db, userId)) !== undefined) {
    throw new DomainError(CommonErrors['record.conflict'], { field: 'userId', reason: 'user_is_contact' });
  }
  const now = ctx.clock.now();
  await updateContactAtVersion(ctx.db, contact.id, contact.version, { user_id: userId, updated_at: now });
  await insertContactHistory(ctx.db, { contactId: contact.id, actorUserId: actorUserId(actor), field: 'user_id', oldValue: null, newValue: String(userId), now });
  await recordEvent(ctx.db, ctx.clock, 'contact.sign_in_linked', { contactId: contact.id, userId, actorUserId: actorUserId(actor) });
}
