import type { CreateOrganizationBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { insertOrganization } from '../organizations.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { assertCanCreate } from '../people.policy.ts';
import type { OrganizationView } from '../people.queries.ts';
import { assertAccountManager } from '../reference-checks.ts';

/** Creates a customer organisation (analysts, supervisors, managers, admins); its account manager must be a crm agent. */
export const createOrganization = defineCommand(
  'organization.create',
  async (ctx: PeopleContext, input: { actor: Actor } & CreateOrganizationBody): Promise<OrganizationView> => {
    assertCanCreate(input.actor, 'organization');
    const accountManagerId = input.accountManagerId ?? null;
    if (accountManagerId !== null) await assertAccountManager(ctx.db, accountManagerId);
    const row = await insertOrganization(ctx.db, {
      name: input.name,
      accountManagerId,
      membersSeeEachOther: input.membersSeeEachOther ?? false,
      notes: input.notes ?? null,
      now: ctx.clock.now(),
    });
    await recordEvent(ctx.db, ctx.clock, 'organization.created', { organizationId: row.id, actorUserId: actorUserId(input.actor) });
    return row;
  },
);
