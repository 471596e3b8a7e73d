import type { UpdateOrganizationBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';

import { recordEvent } from '../../../platform/events/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { changedFields } from '../changed-fields.ts';
import { findOrganizationForUpdate, updateOrganizationAtVersion } from '../organizations.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { organizationAccessOf, organizationPolicy } from '../people.policy.ts';
import type { OrganizationView } from '../people.queries.ts';
import { assertAccountManager } from '../reference-checks.ts';

/**
 * Edits an organisation at the version the caller saw. A crm agent may edit the organisations
 * they manage but not hand one to another account manager: the result must still be theirs to edit.
 */
export const updateOrganization = defineCommand(
  'organization.update',
  async (ctx: PeopleContext, input: { actor: Actor; id: number } & UpdateOrganizationBody): Promise<OrganizationView> => {
    const { actor, id, ...body } = input;
    const row = authorizeEdit(organizationPolicy, actor, 'update', await findOrganizationForUpdate(ctx.db, id), body.version, organizationAccessOf);
    const accountManagerId = body.accountManagerId === undefined ? row!.account_manager_id : body.accountManagerId;
    if (accountManagerId !== null && accountManagerId !== row!.account_manager_id) await assertAccountManager(ctx.db, accountManagerId);
    if (!organizationPolicy.can(actor, 'update', { id, accountManagerId })) throw forbidden('update');
    const updated = await updateOrganizationAtVersion(ctx.db, id, row!.version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.accountManagerId !== undefined ? { account_manager_id: body.accountManagerId } : {}),
      ...(body.membersSeeEachOther !== undefined ? { members_see_each_other: body.membersSeeEachOther ? 1 : 0 } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      updated_at: ctx.clock.now(),
    });
    await recordEvent(ctx.db, ctx.clock, 'organization.updated', { organizationId: id, actorUserId: actorUserId(actor), fields: changedFields(body) });
    return updated;
  },
);
