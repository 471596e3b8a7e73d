import type { UpdateOrganizationBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { findOrganizationRow, updateOrganizationAtVersion } from '../organizations.repository.ts';
import { organizationAccessOf, organizationPolicy } from '../people.policy.ts';
import { assertAccountManager, assertVersion, staleRecord, type PeopleDeps } from '../references.ts';
import { authorize } from '../../../platform/policy/index.ts';

/**
 * Edits an organisation at the version the caller saw. A crm agent may edit the organisations
 * they manage but not hand one to another account manager: the result must still be theirs to edit.
 */
export async function updateOrganization(deps: PeopleDeps, actor: Actor, id: number, input: UpdateOrganizationBody): Promise<void> {
  const row = await findOrganizationRow(deps.db, id);
  authorize(organizationPolicy, actor, 'update', row ? organizationAccessOf(row) : undefined);
  assertVersion(row!, input.version);
  const accountManagerId = input.accountManagerId === undefined ? row!.account_manager_id : input.accountManagerId;
  if (accountManagerId !== null && accountManagerId !== row!.account_manager_id) await assertAccountManager(deps.db, accountManagerId);
  if (!organizationPolicy.can(actor, 'update', { id, accountManagerId })) throw forbidden('update');
  const ok = await updateOrganizationAtVersion(deps.db, id, input.version, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.accountManagerId !== undefined ? { account_manager_id: input.accountManagerId } : {}),
    ...(input.membersSeeEachOther !== undefined ? { members_see_each_other: input.membersSeeEachOther ? 1 : 0 } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    updated_at: deps.clock.now(),
  });
  if (!ok) throw staleRecord();
}
