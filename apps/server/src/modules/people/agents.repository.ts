import { dialectOf, updateAtVersion } from '../../platform/db/index.ts';
import type { Selectable } from 'kysely';
import type { Role } from '../../platform/actor.ts';
import type { Db, DB } from '../../schema.ts';

export type AgentRow = Selectable<DB['agents']>;

/** Inserts an agent with its roles and group memberships (call inside a transaction). */
export async function insertAgent(
  db: Db,
  input: { userId: number; name: string; roles: readonly Role[]; groupIds: readonly number[]; now: number },
): Promise<number> {
  const { id } = await db
    .insertInto('agents')
    .values({ user_id: input.userId, name: input.name, active: 1, created_at: input.now, updated_at: input.now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.roles.length > 0) await db.insertInto('agent_roles').values(input.roles.map((role) => ({ agent_id: id, role }))).execute();
  if (input.groupIds.length > 0)
    await db.insertInto('group_members').values(input.groupIds.map((group_id) => ({ group_id, agent_id: id }))).execute();
  return id;
}

export function findAgentRow(db: Db, id: number): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** findAgentRow inside a write transaction, holding the row until commit. */
export function findAgentForUpdate(trx: Db, id: number): Promise<AgentRow | undefined> {
  return dialectOf(trx).forUpdate(trx.selectFrom('agents').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function agentOfUser(db: Db, userId: number): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Display names of several agents (active or not) in one query. */
export async function agentNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The sign-ins (user ids) of those of `agentIds` that are active, in one query. */
export async function userIdsOfActiveAgents(db: Db, agentIds: readonly number[]): Promise<number[]> {
  if (agentIds.length === 0) return [];
  const rows = await db.selectFrom('agents').select('user_id').where('id', 'in', [...new Set(agentIds)]).where('active', '=', 1).execute();
  return rows.map((r) => r.user_id);
}

/** Whether any agent (active or not) has `role`: e.g. whether the installation already has its admin. */
export async function agentWithRoleExists(db: Db, role: Role): Promise<boolean> {
  return !!(await db.selectFrom('agent_roles').select('agent_id').where('role', '=', role).limit(1).executeTakeFirst());
}

/** One page ordered by id (limit + 1 rows). */
export function listAgentRows(db: Db, page: { afterId: number | undefined; limit: number }): Promise<AgentRow[]> {
  let q = db.selectFrom('agents').selectAll().orderBy('id').limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('id', '>', page.afterId);
  return q.execute();
}

/** Roles of several agents in one query. */
export function rolesOfAgents(db: Db, agentIds: readonly number[]) {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('agent_roles').select(['agent_id', 'role']).where('agent_id', 'in', agentIds).orderBy('role').execute();
}

/** Group memberships of several agents in one query. */
export function groupIdsOfAgents(db: Db, agentIds: readonly number[]) {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_members').select(['agent_id', 'group_id']).where('agent_id', 'in', agentIds).orderBy('group_id').execute();
}

/** The subset of `ids` that are agents (optionally: active agents having `role`). */
export async function existingAgentIds(db: Db, ids: readonly number[], opts: { activeWithRole?: Role; active?: true } = {}): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  let q = db.selectFrom('agents').select('agents.id').where('agents.id', 'in', ids);
  if (opts.active) q = q.where('agents.active', '=', 1);
  if (opts.activeWithRole !== undefined) {
    const role = opts.activeWithRole;
    q = q
      .where('agents.active', '=', 1)
      .where('agents.id', 'in', (eb) => eb.selectFrom('agent_roles').select('agent_id').where('role', '=', role));
  }
  return new Set((await q.execute()).map((r) => r.id));
}

export async function replaceAgentRoles(db: Db, agentId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('agent_roles').where('agent_id', '=', agentId).execute();
  if (roles.length > 0) await db.insertInto('agent_roles').values(roles.map((role) => ({ agent_id: agentId, role }))).execute();
}

/** Active agents having `role`, other than `exceptAgentId`: guards against removing the last admin. */
export async function countActiveAgentsWithRole(db: Db, role: Role, exceptAgentId: number): Promise<number> {
  const row = await db
    .selectFrom('agents')
    .innerJoin('agent_roles', 'agent_roles.agent_id', 'agents.id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('agent_roles.role', '=', role)
    .where('agents.active', '=', 1)
    .where('agents.id', '<>', exceptAgentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Applies the change only if the row is still at `version`, bumping it once (409 record.stale otherwise). */
export function updateAgentAtVersion(db: Db, id: number, version: number, set: { name?: string; active?: number; updated_at: number }): Promise<Selectable<DB['agents']>> {
  return updateAtVersion(db, 'agents', id, version, set);
}

/** Bumps the version of agents whose group memberships another record's write changed. */
export async function touchAgents(db: Db, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('agents')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

/** Active agents of a group having a role, with their sign-ins (e.g. the supervisors to notify on escalation). */
export function agentsOfGroupWithRole(db: Db, groupId: number, role: Role): Promise<Array<{ agentId: number; userId: number }>> {
  return db
    .selectFrom('agents')
    .innerJoin('group_members', 'group_members.agent_id', 'agents.id')
    .innerJoin('agent_roles', 'agent_roles.agent_id', 'agents.id')
    .select(['agents.id as agentId', 'agents.user_id as userId'])
    .where('group_members.group_id', '=', groupId)
    .where('agent_roles.role', '=', role)
    .where('agents.active', '=', 1)
    .orderBy('agents.id')
    .execute();
}

/** Active agents who are members of a group, with their sign-ins (a functional escalation tells them). */
export function activeAgentsOfGroup(db: Db, groupId: number): Promise<Array<{ agentId: number; userId: number }>> {
  return db
    .selectFrom('agents')
    .innerJoin('group_members', 'group_members.agent_id', 'agents.id')
    .select(['agents.id as agentId', 'agents.user_id as userId'])
    .where('group_members.group_id', '=', groupId)
    .where('agents.active', '=', 1)
    .orderBy('agents.id')
    .execute();
}

/** Sign-ins of the active agents who are members of a group (a new ticket in the group). */
export async function memberUserIdsOfGroup(db: Db, groupId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('agents')
    .innerJoin('group_members', 'group_members.agent_id', 'agents.id')
    .select('agents.user_id')
    .where('group_members.group_id', '=', groupId)
    .where('agents.active', '=', 1)
    .orderBy('agents.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Sign-ins of every active manager (hierarchical escalation level 2). */
export async function managerUserIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('agents')
    .innerJoin('agent_roles', 'agent_roles.agent_id', 'agents.id')
    .select('agents.user_id')
    .where('agent_roles.role', '=', 'manager')
    .where('agents.active', '=', 1)
    .orderBy('agents.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}
