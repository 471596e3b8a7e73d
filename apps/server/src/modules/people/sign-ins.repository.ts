import type { AgentIdentity, ContactIdentity, Role } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';

/**
 * What people knows about a sign-in (an access `users` id): the agent and contact sides of the
 * person, for the actor and for display names. Other modules reach these through index.ts.
 */

/**
 * The active agent side (roles, groups) and active contact side (organisation and whether it
 * shares tickets) of a sign-in: two indexed reads, then two more for an agent's roles and groups.
 */
export async function actorSidesOfUser(db: Db, userId: number): Promise<{ agent: AgentIdentity | null; contact: ContactIdentity | null }> {
  const [agent, contact] = await Promise.all([
    db.selectFrom('agents').select(['id', 'name']).where('user_id', '=', userId).where('active', '=', 1).executeTakeFirst(),
    db
      .selectFrom('contacts')
      .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
      .select(['contacts.id', 'contacts.organization_id', 'organizations.members_see_each_other'])
      .where('contacts.user_id', '=', userId)
      .where('contacts.active', '=', 1)
      .executeTakeFirst(),
  ]);
  let agentSide: AgentIdentity | null = null;
  if (agent) {
    const [roles, groups] = await Promise.all([
      db.selectFrom('agent_roles').select('role').where('agent_id', '=', agent.id).execute(),
      db.selectFrom('group_members').select('group_id').where('agent_id', '=', agent.id).orderBy('group_id').execute(),
    ]);
    agentSide = { id: agent.id, name: agent.name, roles: new Set(roles.map((r) => r.role as Role)), groupIds: groups.map((g) => g.group_id) };
  }
  return {
    agent: agentSide,
    contact: contact ? { id: contact.id, organizationId: contact.organization_id, organizationShares: contact.members_see_each_other === 1 } : null,
  };
}

export interface PersonNames {
  agentName: string | null;
  contactName: string | null;
}

/**
 * The agent and contact names of several sign-ins (active or not), two queries for the whole set.
 * A sign-in with neither side is absent from the map.
 */
export async function namesOfUsers(db: Db, userIds: readonly number[]): Promise<Map<number, PersonNames>> {
  const out = new Map<number, PersonNames>();
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return out;
  const [agents, contacts] = await Promise.all([
    db.selectFrom('agents').select(['user_id', 'name']).where('user_id', 'in', ids).execute(),
    db.selectFrom('contacts').select(['user_id', 'name']).where('user_id', 'in', ids).execute(),
  ]);
  for (const a of agents) out.set(a.user_id, { agentName: a.name, contactName: null });
  for (const c of contacts) {
    if (c.user_id === null) continue;
    out.set(c.user_id, { agentName: out.get(c.user_id)?.agentName ?? null, contactName: c.name });
  }
  return out;
}
