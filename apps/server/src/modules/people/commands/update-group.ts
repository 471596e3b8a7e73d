import type { UpdateGroupBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';

import { recordEvent } from '../../../platform/events/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { touchAgents } from '../agents.repository.ts';
import { changedFields } from '../changed-fields.ts';
import { findGroupForUpdate, membersOfGroups, replaceMemberships, updateGroupAtVersion } from '../groups.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { groupPolicy } from '../people.policy.ts';
import { groupView, type GroupView } from '../people.queries.ts';
import { assertAgentsExist, distinct } from '../reference-checks.ts';

/**
 * Edits a group (admin only); `memberIds` replaces its members, and the agents who joined or left
 * get a new version too. `active: false` deactivates it: groups are never deleted.
 */
export const updateGroup = defineCommand(
  'group.update',
  async (ctx: PeopleContext, input: { actor: Actor; id: number } & UpdateGroupBody): Promise<GroupView> => {
    const { actor, id, ...body } = input;
    const row = authorizeEdit(groupPolicy, actor, 'update', await findGroupForUpdate(ctx.db, id), body.version);
    const memberIds = body.memberIds === undefined ? undefined : distinct(body.memberIds);
    if (memberIds) await assertAgentsExist(ctx.db, memberIds, 'memberIds', (await membersOfGroups(ctx.db, [id])).map((m) => Number(m.agent_id)));
    const now = ctx.clock.now();
    await updateGroupAtVersion(ctx.db, id, row!.version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
      updated_at: now,
    });
    if (memberIds) await touchAgents(ctx.db, await replaceMemberships(ctx.db, { groupId: id, agentIds: memberIds }), now);
    await recordEvent(ctx.db, ctx.clock, 'group.updated', { groupId: id, actorUserId: actorUserId(actor), fields: changedFields(body) });
    return (await groupView(ctx.db, id))!;
  },
);
