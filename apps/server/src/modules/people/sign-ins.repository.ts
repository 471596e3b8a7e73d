import type { Actor, AgentIdentity, ContactIdentity, Role } from '../../platform/actor.ts';
import { sql } from 'kysely';
import type { Db } from '../../schema.ts';

/**
 * What people knows about a sign-in (an access `users` id): the agent and contact sides of the
 * person, for the actor and for display names. Other modules reach these through index.ts.
 */

/**
 * The active agent side (roles, groups) and active contact side (organisation and whether it
 * shares tickets) of a sign-in. Runs on every request, so it is two indexed queries side by side:
 * the agent with its roles and groups as one UNION ALL, and the contact with its organisation.
 */
export async function actorSidesOfUser(db: Db, userId: number): Promise<{ agent: AgentIdentity | null; contact: ContactIdentity | null }> {
  const [agentRows, contact] = await Promise.all([
    db
      .selectFrom('agents')
      .leftJoin('agent_roles', 'agent_roles.agent_id', 'agents.id')
      .select(['agents.id', 'agents.name', 'agent_roles.role', sql<number | null>`null`.as('group_id')])
      .where('agents.user_id', '=', userId)
      .where('agents.active', '=', 1)
      .unionAll(
        db
          .selectFrom('agents')
          .innerJoin('group_members', 'group_members.agent_id', 'agents.id')
          .select(['agents.id', 'agents.name', sql<string | null>`null`.as('role'), 'group_members.group_id'])
          .where('agents.user_id', '=', userId)
          .where('agents.active', '=', 1),
      )
      .execute(),
    db
      .selectFrom('contacts')
      .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
      .select(['contacts.id', 'contacts.organization_id', 'organizations.members_see_each_other'])
      .where('contacts.user_id', '=', userId)
      .where('contacts.active', '=', 1)
      .executeTakeFirst(),
  ]);
  const first = agentRows[0];
  const agent: AgentIdentity | null = first
    ? {
        id: first.id,
        name: first.name,
        roles: new Set(agentRows.flatMap((r) => (r.role === null ? [] : [r.role as Role]))),
        groupIds: agentRows.flatMap((r) => (r.group_id === null ? [] : [Number(r.group_id)])).sort((a, b) => a - b),
      }
    : null;
  return {
    agent,
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

/** The identity of an active contact (organisation and whether it shares tickets); null when none. */
export async function contactIdentity(db: Db, contactId: number): Promise<ContactIdentity | null> {
  const row = await db
    .selectFrom('contacts')
    .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
    .select(['contacts.id', 'contacts.organization_id', 'organizations.members_see_each_other'])
    .where('contacts.id', '=', contactId)
    .where('contacts.active', '=', 1)
    .executeTakeFirst();
  return row ? { id: row.id, organizationId: row.organization_id, organizationShares: row.members_see_each_other === 1 } : null;
}

/**
 * A system actor on behalf of a contact (mail, sms) with that contact's identity filled in, so
 * commands authorise it as the contact; an unknown or inactive contact resolves to none (denied).
 */
export async function resolveOnBehalfActor(db: Db, actor: Actor): Promise<Actor> {
  if (actor.kind !== 'system' || actor.onBehalfOf === undefined) return actor;
  return { ...actor, contact: await contactIdentity(db, actor.onBehalfOf) };
}
