import type { Actor } from '../../../platform/actor.ts';
import { actorUserId } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { authorize, authorizeEdit } from '../../../platform/policy/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { insertContactHistory } from '../contact-history.repository.ts';
import { contactIdsOfOrganization, moveContactsToOrganization } from '../contacts.repository.ts';
import { findOrganizationForUpdate, updateOrganizationAtVersion, type OrganizationRow } from '../organizations.repository.ts';
import type { MergeContext } from '../people.context.ts';
import { PeopleErrors } from '../people.errors.ts';
import { organizationAccessOf, organizationPolicy } from '../people.policy.ts';
import { organizationView, type OrganizationView } from '../people.queries.ts';

/**
 * Merges an organisation (the loser, at the version last read) into another (the survivor; admin
 * only, audited): its contacts (each with a history row) and its tickets now name the survivor; the
 * loser stays as an inactive row pointing at the survivor (`merged_into_id`). The survivor keeps
 * its own name, account manager and notes. Answers the survivor.
 */
export const mergeOrganization = defineCommand(
  'organization.merge',
  async (ctx: MergeContext, input: { actor: Actor; id: number; intoId: number; version: number }): Promise<OrganizationView> => {
    const [firstId, secondId] = input.id < input.intoId ? [input.id, input.intoId] : [input.intoId, input.id];
    const first = await findOrganizationForUpdate(ctx.db, firstId);
    const second = firstId === secondId ? first : await findOrganizationForUpdate(ctx.db, secondId);
    const loser = authorizeEdit(organizationPolicy, input.actor, 'merge', firstId === input.id ? first : second, input.version, organizationAccessOf);
    if (input.intoId === loser.id) throw new DomainError(PeopleErrors['merge.into_itself'], { field: 'intoId' });
    if (loser.merged_into_id !== null) throw new DomainError(PeopleErrors['merge.already_merged'], { mergedIntoId: loser.merged_into_id });
    const into: OrganizationRow | undefined = firstId === input.intoId ? first : second;
    if (!into) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'intoId', ids: [input.intoId] });
    authorize(organizationPolicy, input.actor, 'merge', organizationAccessOf(into));
    if (into.active !== 1 || into.merged_into_id !== null) throw new DomainError(PeopleErrors['merge.into_inactive'], { field: 'intoId', ids: [into.id] });

    const now = ctx.clock.now();
    const actorId = actorUserId(input.actor);
    await updateOrganizationAtVersion(ctx.db, loser.id, loser.version, { active: 0, merged_into_id: into.id, updated_at: now });
    await updateOrganizationAtVersion(ctx.db, into.id, into.version, { updated_at: now });
    const contactIds = await contactIdsOfOrganization(ctx.db, loser.id);
    await moveContactsToOrganization(ctx.db, contactIds, into.id, now);
    for (const contactId of contactIds) {
      await insertContactHistory(ctx.db, { contactId, actorUserId: actorId, field: 'organization_id', oldValue: String(loser.id), newValue: String(into.id), now });
    }
    const moved = new Set<number>();
    for (const mover of ctx.mergeMovers) for (const id of await mover.moveOrganization(ctx.db, loser.id, into.id, { now, actorUserId: actorId })) moved.add(id);
    const ticketIds = [...moved].sort((a, b) => a - b);

    await recordAudit(ctx, input.actor, 'organization.merged', {
      targetType: 'organization',
      targetId: loser.id,
      details: { intoId: into.id, contacts: contactIds.length, tickets: ticketIds.length },
    });
    await recordEvent(ctx.db, ctx.clock, 'organization.merged', { organizationId: loser.id, intoId: into.id, actorUserId: actorId, contactIds, ticketIds });
    return (await organizationView(ctx.db, into.id))!;
  },
);
