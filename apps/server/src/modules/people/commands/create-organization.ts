import type { CreateOrganizationBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { insertOrganization } from '../organizations.repository.ts';
import { assertCanCreate } from '../people.policy.ts';
import { assertAccountManager, type PeopleDeps } from '../references.ts';

/** Creates a customer organisation (analysts, supervisors, managers, admins); its account manager must be a crm agent. */
export async function createOrganization(deps: PeopleDeps, actor: Actor, input: CreateOrganizationBody): Promise<number> {
  assertCanCreate(actor, 'organization');
  const accountManagerId = input.accountManagerId ?? null;
  if (accountManagerId !== null) await assertAccountManager(deps.db, accountManagerId);
  return insertOrganization(deps.db, {
    name: input.name,
    accountManagerId,
    membersSeeEachOther: input.membersSeeEachOther ?? false,
    notes: input.notes ?? null,
    now: deps.clock.now(),
  });
}
