import type { UpdateAgentBody } from '@pishkhan/contracts';
import type { Actor, Role } from '../../../platform/actor.ts';
import { nextCounterValue, transaction } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { countActiveAgentsWithRole, findAgentRow, replaceAgentRoles, rolesOfAgents, updateAgentAtVersion } from '../agents.repository.ts';
import { replaceMemberships, touchGroups } from '../groups.repository.ts';
import { PeopleErrors } from '../people.errors.ts';
import { agentPolicy } from '../people.policy.ts';
import { assertGroupsExist, assertVersion, staleRecord, unique, type PeopleDeps } from '../references.ts';
import { authorize } from '../../../platform/policy/index.ts';

/**
 * Edits an agent (admin only): name, roles, groups, and `active: false` to deactivate — agents are
 * never deleted, tickets keep pointing at them. The last active admin cannot be demoted or deactivated.
 */
export async function updateAgent(deps: PeopleDeps, actor: Actor, id: number, input: UpdateAgentBody): Promise<void> {
  const found = await findAgentRow(deps.db, id);
  authorize(agentPolicy, actor, 'update', found);
  const row = found!;
  assertVersion(row, input.version);
  const groupIds = input.groupIds === undefined ? undefined : unique(input.groupIds);
  if (groupIds) await assertGroupsExist(deps.db, groupIds, 'groupIds');
  const roles = input.roles === undefined ? undefined : (unique(input.roles) as Role[]);

  const wasAdmin = row.active === 1 && (await rolesOfAgents(deps.db, [id])).some((r) => r.role === 'admin');
  const staysAdmin = (input.active ?? row.active === 1) && (roles ? roles.includes('admin') : wasAdmin);
  const losesAdmin = wasAdmin && !staysAdmin;

  const now = deps.clock.now();
  await transaction(deps.db, async (trx) => {
    // Two admins demoting each other at once must not both succeed: taking the guard row
    // serialises such changes, and the count below then sees the other one's commit.
    if (losesAdmin) await nextCounterValue(trx, 'last_admin_guard', 0);
    const ok = await updateAgentAtVersion(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now,
    });
    if (!ok) throw staleRecord();
    if (roles) await replaceAgentRoles(trx, id, roles);
    if (groupIds) await touchGroups(trx, await replaceMemberships(trx, { agentId: id, groupIds }), now);
    if (losesAdmin && (await countActiveAgentsWithRole(trx, 'admin', id)) === 0) throw new DomainError(PeopleErrors['agent.last_admin'], {});
  });
}
