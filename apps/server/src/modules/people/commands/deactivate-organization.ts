import type { Actor } from '../../../platform/actor.ts';
import { actorUserId } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrganizationForUpdate, updateOrganizationAtVersion } from '../organizations.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { organizationAccessOf, organizationPolicy } from '../people.policy.ts';
import { organizationView, type OrganizationView } from '../people.queries.ts';

/** Deactivates an organisation (admin only; audited): no new ticket or contact may name it; what refers to it stays. */
export const deactivateOrganization = defineCommand(
  'organization.deactivate',
  async (ctx: PeopleContext, input: { actor: Actor; id: number; version: number }): Promise<OrganizationView> => {
    const org = authorizeEdit(organizationPolicy, input.actor, 'deactivate', await findOrganizationForUpdate(ctx.db, input.id), input.version, organizationAccessOf);
    if (org.active === 1) {
      await updateOrganizationAtVersion(ctx.db, org.id, org.version, { active: 0, updated_at: ctx.clock.now() });
      await recordAudit(ctx, input.actor, 'organization.deactivated', { targetType: 'organization', targetId: org.id });
      await recordEvent(ctx.db, ctx.clock, 'organization.updated', { organizationId: org.id, actorUserId: actorUserId(input.actor), fields: ['active'] });
    }
    return (await organizationView(ctx.db, org.id))!;
  },
);
