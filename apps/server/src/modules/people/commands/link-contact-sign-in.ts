import type { LinkContactSignInBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';

import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { userEmails } from '../../access/index.ts';
import { findContactForUpdate } from '../contacts.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { contactAccessOf, contactPolicy } from '../people.policy.ts';
import { contactView, type ContactView } from '../people.queries.ts';
import { linkSignInToContact } from '../sign-in-link.ts';

/**
 * An admin states that a sign-in is this contact (e.g. an agent of an internal IT desk who also
 * asks it for help): 409 when the contact already has a sign-in or the user already is a contact,
 * 422 for an unknown user. Recorded in the contact's history and as `contact.sign_in_linked`.
 */
export const linkContactSignIn = defineCommand(
  'contact.link_sign_in',
  async (ctx: PeopleContext, input: { actor: Actor; id: number } & LinkContactSignInBody): Promise<ContactView> => {
    const contact = authorizeEdit(contactPolicy, input.actor, 'link_sign_in', await findContactForUpdate(ctx.db, input.id), input.version, contactAccessOf);
    if (!(await userEmails(ctx.db, [input.userId])).has(input.userId)) {
      throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'userId', ids: [input.userId] });
    }
    await linkSignInToContact(ctx, input.actor, contact!, input.userId);
    return (await contactView(ctx.db, input.id))!;
  },
);
