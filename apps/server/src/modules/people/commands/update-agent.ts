import type { UpdateAgentBody } from '@pishkhan/contracts';
import { actorUserId, type Actor, type Role } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { nextCounterValue } from '../../../platform/db/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { countActiveAgentsWithRole, findAgentForUpdate, groupIdsOfAgents, replaceAgentRoles, rolesOfAgents, updateAgentAtVersion } from '../agents.repository.ts';
import { changedFields } from '../changed-fields.ts';
import { replaceMemberships, touchGroups } from '../groups.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { PeopleErrors } from '../people.errors.ts';
import { agentPolicy } from '../people.policy.ts';
import { agentView, type AgentView } from '../people.queries.ts';
import { assertGroupsExist, distinct } from '../reference-checks.ts';
import { changeSignIn, revokeSignIn } from '../../access/index.ts';
import { recordAudit } from '../../audit/index.ts';

/**
 * Edits an agent (admin only): name, roles, groups, and `active: false` to deactivate — agents are
 * never deleted, tickets keep pointing at them. The last active admin cannot be demoted or deactivated.
 * Deactivating ends every session and API token of the sign-in; the sign-in's email and language
 * change here too. Role, group, email changes and deactivation are audited.
 */
export const updateAgent = defineCommand(
  'agent.update',
  async (ctx: PeopleContext, input: { actor: Actor; id: number } & UpdateAgentBody): Promise<AgentView> => {
    const { actor, id, ...body } = input;
    const row = authorizeEdit(agentPolicy, actor, 'update', await findAgentForUpdate(ctx.db, id), body.version);
    const groupIds = body.groupIds === undefined ? undefined : distinct(body.groupIds);
    const roles = body.roles === undefined ? undefined : (distinct(body.roles) as Role[]);

    const rolesBefore = (await rolesOfAgents(ctx.db, [id])).map((r) => r.role).sort();
    const groupsBefore = groupIds ? (await groupIdsOfAgents(ctx.db, [id])).map((g) => Number(g.group_id)) : [];
    // A group the agent is already in may since have been deactivated: only newly joined ones must be active.
    if (groupIds) await assertGroupsExist(ctx.db, groupIds, 'groupIds', groupsBefore);
    const wasAdmin = row!.active === 1 && rolesBefore.includes('admin');
    const staysAdmin = (body.active ?? row!.active === 1) && (roles ? roles.includes('admin') : wasAdmin);
    const losesAdmin = wasAdmin && !staysAdmin;
    const now = ctx.clock.now();

    // Two admins demoting each other at once must not both succeed: taking the guard row
    // serialises such changes, and the count below then sees the other one's commit.
    if (losesAdmin) await nextCounterValue(ctx.db, 'last_admin_guard', 0);
    await updateAgentAtVersion(ctx.db, id, row!.version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
      updated_at: now,
    });
    if (roles) await replaceAgentRoles(ctx.db, id, roles);
    if (groupIds) await touchGroups(ctx.db, await replaceMemberships(ctx.db, { agentId: id, groupIds }), now);
    if (losesAdmin && (await countActiveAgentsWithRole(ctx.db, 'admin', id)) === 0) throw new DomainError(PeopleErrors['agent.last_admin'], {});
    const target = { targetType: 'agent', targetId: id };
    if (roles && roles.slice().sort().join() !== rolesBefore.join()) {
      await recordAudit(ctx, actor, 'agent.roles_changed', { ...target, details: { from: rolesBefore, to: roles.slice().sort() } });
    }
    if (groupIds && groupIds.slice().sort((a, b) => a - b).join() !== groupsBefore.join()) {
      await recordAudit(ctx, actor, 'agent.groups_changed', { ...target, details: { from: groupsBefore, to: groupIds.slice().sort((a, b) => a - b) } });
    }
    if (body.email !== undefined || body.locale !== undefined) {
      const oldEmail = await changeSignIn(ctx, row!.user_id, { email: body.email, locale: body.locale });
      if (body.email !== undefined && oldEmail !== body.email) await recordAudit(ctx, actor, 'agent.email_changed', { ...target, details: { from: oldEmail, to: body.email } });
    }
    if (body.active === false && row!.active === 1) {
      await revokeSignIn(ctx, row!.user_id);
      await recordAudit(ctx, actor, 'agent.deactivated', target);
    }
    await recordEvent(ctx.db, ctx.clock, 'agent.updated', { agentId: id, actorUserId: actorUserId(actor), fields: changedFields(body) });
    return (await agentView(ctx.db, id))!;
  },
);
