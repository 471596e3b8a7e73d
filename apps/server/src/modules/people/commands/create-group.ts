import type { CreateGroupBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { transaction } from '../../../platform/db/index.ts';
import { touchAgents } from '../agents.repository.ts';
import { insertGroup, replaceMemberships } from '../groups.repository.ts';
import { assertCanCreate } from '../people.policy.ts';
import { assertAgentsExist, unique, type PeopleDeps } from '../references.ts';

/** Creates a group (team or department tickets are assigned to) with its members; admin only. */
export async function createGroup(deps: PeopleDeps, actor: Actor, input: CreateGroupBody): Promise<number> {
  assertCanCreate(actor, 'group');
  const memberIds = unique(input.memberIds ?? []);
  await assertAgentsExist(deps.db, memberIds, 'memberIds');
  const now = deps.clock.now();
  return transaction(deps.db, async (trx) => {
    const id = await insertGroup(trx, {
      name: input.name,
      nameEn: input.nameEn ?? null,
      description: input.description ?? null,
      active: input.active ?? true,
      now,
    });
    await touchAgents(trx, await replaceMemberships(trx, { groupId: id, agentIds: memberIds }), now);
    return id;
  });
}
