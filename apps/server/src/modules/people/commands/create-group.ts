import type { CreateGroupBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { touchAgents } from '../agents.repository.ts';
import { insertGroup, replaceMemberships } from '../groups.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { assertCanCreate } from '../people.policy.ts';
import { groupView, type GroupView } from '../people.queries.ts';
import { assertAgentsExist, distinct } from '../reference-checks.ts';

/** Creates a group (team or department tickets are assigned to) with its members; admin only. */
export const createGroup = defineCommand(
  'group.create',
  async (ctx: PeopleContext, input: { actor: Actor } & CreateGroupBody): Promise<GroupView> => {
    assertCanCreate(input.actor, 'group');
    const memberIds = distinct(input.memberIds ?? []);
    await assertAgentsExist(ctx.db, memberIds, 'memberIds');
    const now = ctx.clock.now();
    const id = await insertGroup(ctx.db, {
      name: input.name,
      nameEn: input.nameEn ?? null,
      description: input.description ?? null,
      active: input.active ?? true,
      now,
    });
    await touchAgents(ctx.db, await replaceMemberships(ctx.db, { groupId: id, agentIds: memberIds }), now);
    await recordEvent(ctx.db, ctx.clock, 'group.created', { groupId: id, actorUserId: actorUserId(input.actor) });
    return (await groupView(ctx.db, id))!;
  },
);
