import type { UpdateContactBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { transaction } from '../../../platform/db/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { findContactRow, replaceContactEmails, replaceContactPhones, updateContactAtVersion } from '../contacts.repository.ts';
import { contactAccessOf, contactPolicy } from '../people.policy.ts';
import { assertEmailsFree, assertVersion, requireOrganization, signInForContact, staleRecord, type PeopleDeps } from '../references.ts';
import { authorize } from '../../../platform/policy/index.ts';

/**
 * Edits a contact at the version the caller saw; `emails` and `phones`, when given, replace the
 * lists. A crm agent may move a contact only between organisations they manage.
 */
export async function updateContact(deps: PeopleDeps, actor: Actor, id: number, input: UpdateContactBody): Promise<void> {
  const row = await findContactRow(deps.db, id);
  authorize(contactPolicy, actor, 'update', row ? contactAccessOf(row) : undefined);
  const current = row!;
  assertVersion(current, input.version);

  let accountManagerId = current.account_manager_id;
  if (input.organizationId !== undefined && input.organizationId !== current.organization_id) {
    accountManagerId = input.organizationId === null ? null : (await requireOrganization(deps.db, input.organizationId)).account_manager_id;
  }
  const organizationId = input.organizationId === undefined ? current.organization_id : input.organizationId;
  if (!contactPolicy.can(actor, 'update', { id, organizationId, accountManagerId })) throw forbidden('update');
  if (input.emails !== undefined) await assertEmailsFree(deps.db, input.emails, id);
  const userId = current.user_id === null && input.emails !== undefined ? await signInForContact(deps.db, input.emails) : null;

  await transaction(deps.db, async (trx) => {
    const ok = await updateContactAtVersion(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.organizationId !== undefined ? { organization_id: input.organizationId } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(userId !== null ? { user_id: userId } : {}),
      updated_at: deps.clock.now(),
    });
    if (!ok) throw staleRecord();
    if (input.emails !== undefined) await replaceContactEmails(trx, id, input.emails);
    if (input.phones !== undefined) await replaceContactPhones(trx, id, input.phones);
  });
}
