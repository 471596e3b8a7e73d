import type { Role } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';

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
