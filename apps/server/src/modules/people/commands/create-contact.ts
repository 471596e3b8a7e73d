import type { CreateContactBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { transaction } from '../../../platform/db/index.ts';
import { insertContactRecord } from '../contacts.repository.ts';
import { assertCanCreate } from '../people.policy.ts';
import { assertEmailsFree, requireOrganization, signInForContact, type PeopleDeps } from '../references.ts';

/**
 * Creates a contact with its emails and phones. An email belongs to one contact only (409). When an
 * email is already someone's sign-in (e.g. an agent of an internal IT desk), the contact shares it.
 */
export async function createContact(deps: PeopleDeps, actor: Actor, input: CreateContactBody): Promise<number> {
  assertCanCreate(actor, 'contact');
  const organizationId = input.organizationId ?? null;
  if (organizationId !== null) await requireOrganization(deps.db, organizationId);
  const emails = input.emails ?? [];
  await assertEmailsFree(deps.db, emails, null);
  const userId = await signInForContact(deps.db, emails);
  return transaction(deps.db, (trx) =>
    insertContactRecord(trx, {
      userId,
      name: input.name,
      organizationId,
      language: input.language ?? 'fa',
      emails,
      phones: input.phones ?? [],
      notes: input.notes ?? null,
      now: deps.clock.now(),
    }),
  );
}
