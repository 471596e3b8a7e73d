import type { Actor, Role } from '../../platform/actor.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';

/**
 * Builds the actor of a signed-in user: their agent side (roles, groups) and contact side
 * (organisation and whether it shares tickets). Three indexed reads, whatever the roles.
 */
export async function loadUserActor(
  db: Db,
  userId: number,
  via: 'session' | 'token',
  sessionId?: number,
): Promise<Extract<Actor, { kind: 'user' }> | null> {
  const user = await db
    .selectFrom('users')
    .leftJoin('agents', (j) => j.onRef('agents.user_id', '=', 'users.id').on('agents.active', '=', 1))
    .leftJoin('contacts', (j) => j.onRef('contacts.user_id', '=', 'users.id').on('contacts.active', '=', 1))
    .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
    .select([
      'users.id',
      'users.email',
      'users.locale',
      'users.must_change_password',
      'users.active',
      'agents.id as agent_id',
      'agents.name as agent_name',
      'contacts.id as contact_id',
      'contacts.organization_id',
      'organizations.members_see_each_other',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) return null;
  let agent: Extract<Actor, { kind: 'user' }>['agent'] = null;
  if (user.agent_id != null) {
    const [roles, groups] = await Promise.all([
      db.selectFrom('agent_roles').select('role').where('agent_id', '=', user.agent_id).execute(),
      db.selectFrom('group_members').select('group_id').where('agent_id', '=', user.agent_id).orderBy('group_id').execute(),
    ]);
    agent = {
      id: user.agent_id,
      name: user.agent_name ?? '',
      roles: new Set(roles.map((r) => r.role as Role)),
      groupIds: groups.map((g) => g.group_id),
    };
  }
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    locale: (user.locale === 'en' ? 'en' : 'fa') as Language,
    mustChangePassword: user.must_change_password === 1,
    agent,
    contact:
      user.contact_id != null
        ? { id: user.contact_id, organizationId: user.organization_id, organizationShares: user.members_see_each_other === 1 }
        : null,
    via,
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}
