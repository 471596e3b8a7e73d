import type { Actor, ContactSignInPort } from '../../../platform/actor.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { portalInvitationLink, type IssuedLink } from '../../access/index.ts';
import { findContactRow } from '../contacts.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { contactAccessOf, contactPolicy } from '../people.policy.ts';
import { recordAudit } from '../../audit/index.ts';

/**
 * Gives a contact a portal sign-in by invitation (whoever may edit the contact): a one-hour,
 * single-use link to the contact's first email, through the notification channels. Accepting it is
 * the person's own proof of the address, so the sign-in is linked then, not now.
 */
export const inviteContact = defineCommand(
  'contact.invite',
  async (ctx: PeopleContext & { sealKeys: SealKey[]; config: { publicUrl: string }; contactSignIns: ContactSignInPort }, input: { actor: Actor; id: number }): Promise<IssuedLink> => {
    const row = await findContactRow(ctx.db, input.id);
    authorize(contactPolicy, input.actor, 'update', row ? contactAccessOf(row) : undefined);
    const issued = await portalInvitationLink(ctx, { contactId: input.id });
    await recordAudit(ctx, input.actor, 'invitation.issued', { targetType: 'contact', targetId: input.id });
    return issued;
  },
);
