import type { Actor } from '../../../platform/actor.ts';
import { actorUserId } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { revokeSignIn, revokeTicketLinksOfContacts } from '../../access/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { insertContactHistory } from '../contact-history.repository.ts';
import { findContactForUpdate, updateContactAtVersion } from '../contacts.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { contactAccessOf, contactPolicy } from '../people.policy.ts';
import { contactView, type ContactView } from '../people.queries.ts';

/**
 * Deactivates a contact (admin only; audited, in its history): no new ticket may name it, its
 * sign-in's sessions and API tokens and its ticket links end at once. Its tickets stay.
 */
export const deactivateContact = defineCommand(
  'contact.deactivate',
  async (ctx: PeopleContext, input: { actor: Actor; id: number; version: number }): Promise<ContactView> => {
    const contact = authorizeEdit(contactPolicy, input.actor, 'deactivate', await findContactForUpdate(ctx.db, input.id), input.version, contactAccessOf);
    if (contact.active === 1) {
      const now = ctx.clock.now();
      await updateContactAtVersion(ctx.db, contact.id, contact.version, { active: 0, updated_at: now });
      await insertContactHistory(ctx.db, { contactId: contact.id, actorUserId: actorUserId(input.actor), field: 'active', oldValue: '1', newValue: '0', now });
      if (contact.user_id !== null) await revokeSignIn(ctx, contact.user_id);
      await revokeTicketLinksOfContacts(ctx.db, [contact.id], now);
      await recordAudit(ctx, input.actor, 'contact.deactivated', { targetType: 'contact', targetId: contact.id });
      await recordEvent(ctx.db, ctx.clock, 'contact.updated', { contactId: contact.id, actorUserId: actorUserId(input.actor), fields: ['active'] });
    }
    return (await contactView(ctx.db, contact.id))!;
  },
);
