import type { ContactSignInPort } from '../../platform/actor.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { actorUserId } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { emailKey } from './contact-keys.ts';
import { contactIdWithEmailKey, emailsOfContacts, findContactForUpdate, findContactRow, insertContactRecord } from './contacts.repository.ts';
import { linkSignInToContact } from './sign-in-link.ts';

/**
 * What access's portal invitations need of people, injected by app.ts (access does not import
 * people): a contact's address, language, state and sign-in; and the link of the sign-in the
 * person made by accepting the invitation (their own proof: the link reached their inbox).
 */
export const contactSignInPort: ContactSignInPort = {
  async target(db, contactId) {
    const contact = await findContactRow(db as Db, contactId);
    if (!contact) return null;
    const [first] = await emailsOfContacts(db as Db, [contactId]);
    return { email: first?.email ?? null, language: contact.language === 'en' ? 'en' : 'fa', active: contact.active === 1, userId: contact.user_id };
  },
  async link(db, clock, actor, contactId, userId) {
    const contact = await findContactForUpdate(db as Db, contactId);
    if (!contact) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'contactId', ids: [contactId] });
    if (contact.user_id === userId) return;
    await linkSignInToContact({ db: db as Db, clock }, actor, contact, userId);
  },
  async signUp(db, clock, actor, input) {
    const existing = await contactIdWithEmailKey(db as Db, emailKey(input.email));
    if (existing !== undefined) {
      const contact = await findContactForUpdate(db as Db, existing);
      if (!contact || contact.active !== 1 || contact.user_id !== null) return null;
      await linkSignInToContact({ db: db as Db, clock }, actor, contact, input.userId);
      return contact.id;
    }
    const now = clock.now();
    const contactId = await insertContactRecord(db as Db, { userId: input.userId, name: input.name, organizationId: null, language: input.language, emails: [input.email], phones: [], now });
    await recordEvent(db as Db, clock, 'contact.created', { contactId, actorUserId: actorUserId(actor) });
    await recordEvent(db as Db, clock, 'contact.sign_in_linked', { contactId, userId: input.userId, actorUserId: actorUserId(actor) });
    return contactId;
  },
};
