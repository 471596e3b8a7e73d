import type { CreateContactBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { assertEmailsFree } from '../contact-email-rules.ts';
import { insertContactRecord } from '../contacts.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { assertCanCreate } from '../people.policy.ts';
import { contactView, type ContactView } from '../people.queries.ts';
import { requireOrganization } from '../reference-checks.ts';

/**
 * Creates a contact with its emails and phones. An email belongs to one contact only (409). The
 * contact has no sign-in, even when an email is someone's sign-in: only the person or an admin
 * links the two (link-contact-sign-in), never an address typed in by whoever edits contacts.
 */
export const createContact = defineCommand(
  'contact.create',
  async (ctx: PeopleContext, input: { actor: Actor } & CreateContactBody): Promise<ContactView> => {
    assertCanCreate(input.actor, 'contact');
    const organizationId = input.organizationId ?? null;
    if (organizationId !== null) await requireOrganization(ctx.db, organizationId);
    const emails = input.emails ?? [];
    await assertEmailsFree(ctx.db, emails, null);
    const id = await insertContactRecord(ctx.db, {
      userId: null,
      name: input.name,
      organizationId,
      language: input.language ?? 'fa',
      emails,
      phones: input.phones ?? [],
      notes: input.notes ?? null,
      now: ctx.clock.now(),
    });
    await recordEvent(ctx.db, ctx.clock, 'contact.created', { contactId: id, actorUserId: actorUserId(input.actor) });
    return (await contactView(ctx.db, id))!;
  },
);
