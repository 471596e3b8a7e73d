import type { Actor } from '../../../platform/actor.ts';
import { actorUserId } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { insertContactHistory } from '../contact-history.repository.ts';
import { contactIdsOfOrganization, moveContactsToOrganization } from '../contacts.repository.ts';
import { findOrganizationForUpdate, updateOrganizationAtVersion } from '../organizations.repository.ts';
import type { MergeContext } from '../people.context.ts';
import { organizationAccessOf, organizationPolicy } from '../people.policy.ts';
import { organizationView, type OrganizationView } from '../people.queries.ts';
import { holdMergePair, moveReferences, recordMerge } from '../merge-steps.ts';

/**
 * Merges an organisation (the loser, at the version last read) into another (the survivor; admin
 * only, audited): its contacts (each with a history row) and its tickets now name the survivor; the
 * loser stays as an inactive row pointing at the survivor (`merged_into_id`). The survivor keeps
 * its own name, account manager and notes. Answers the survivor.
 */
export const mergeOrganization = defineCommand(
  'organization.merge',
  async (ctx: MergeContext, input: { actor: Actor; id: number; intoId: number; version: number }): Promise<OrganizationView> => {
    const { loser, into } = await holdMergePair(ctx.db, input, findOrganizationForUpdate, organizationPolicy, organizationAccessOf);

    const now = ctx.clock.now();
    const actorId = actorUserId(input.actor);
    await updateOrganizationAtVersion(ctx.db, loser.id, loser.version, { active: 0, merged_into_id: into.id, updated_at: now });
    await updateOrganizationAtVersion(ctx.db, into.id, into.version, { updated_at: now });
    const contactIds = await contactIdsOfOrganization(ctx.db, loser.id);
    await moveContactsToOrganization(ctx.db, contactIds, into.id, now);
    for (const contactId of contactIds) {
      await insertContactHistory(ctx.db, { contactId, actorUserId: actorId, field: 'organization_id', oldValue: String(loser.id), newValue: String(into.id), now });
    }
    const ticketIds = await moveReferences(ctx.mergeMovers, (mover, at) => mover.moveOrganization(ctx.db, loser.id, into.id, at), { now, actorUserId: actorId });

    await recordMerge(
      ctx,
      input.actor,
      'organization.merged',
      { loserId: loser.id, intoId: into.id, details: { contacts: contactIds.length, tickets: ticketIds.length } },
      { organizationId: loser.id, intoId: into.id, actorUserId: actorId, contactIds, ticketIds },
    );
    return (await organizationView(ctx.db, into.id))!;
  },
);
