import type { UpdateGroupBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { transaction } from '../../../platform/db/index.ts';
import { touchAgents } from '../agents.repository.ts';
import { findGroupRow, replaceMemberships, updateGroupAtVersion } from '../groups.repository.ts';
import { groupPolicy } from '../people.policy.ts';
import { assertAgentsExist, assertVersion, staleRecord, unique, type PeopleDeps } from '../references.ts';
import { authorize } from '../../../platform/policy/index.ts';

/**
 * Edits a group (admin only); `memberIds` replaces its members, and the agents who joined or left
 * get a new version too. `active: false` deactivates it: groups are never deleted.
 */
export async function updateGroup(deps: PeopleDeps, actor: Actor, id: number, input: UpdateGroupBody): Promise<void> {
  const found = await findGroupRow(deps.db, id);
  authorize(groupPolicy, actor, 'update', found);
  const row = found!;
  assertVersion(row, input.version);
  const memberIds = input.memberIds === undefined ? undefined : unique(input.memberIds);
  if (memberIds) await assertAgentsExist(deps.db, memberIds, 'memberIds');
  const now = deps.clock.now();
  await transaction(deps.db, async (trx) => {
    const ok = await updateGroupAtVersion(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now,
    });
    if (!ok) throw staleRecord();
    if (memberIds) await touchAgents(trx, await replaceMemberships(trx, { groupId: id, agentIds: memberIds }), now);
  });
}
