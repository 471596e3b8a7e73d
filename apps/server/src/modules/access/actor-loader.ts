import type { Actor } from '../../platform/actor.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';
import { actorSidesOfUser } from '../people/index.ts';

/**
 * Builds the actor of a signed-in user: the sign-in (access) with its agent side (roles, groups)
 * and contact side (organisation and whether it shares tickets) from people. The sign-in and
 * the sides are read side by side: two round trips whatever the roles.
 */
export async function loadUserActor(
  db: Db,
  userId: number,
  via: 'session' | 'token',
  sessionId?: number,
): Promise<Extract<Actor, { kind: 'user' }> | null> {
  const [user, sides] = await Promise.all([
    db.selectFrom('users').select(['id', 'email', 'locale', 'must_change_password', 'active']).where('id', '=', userId).executeTakeFirst(),
    actorSidesOfUser(db, userId),
  ]);
  if (!user || user.active !== 1) return null;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    locale: (user.locale === 'en' ? 'en' : 'fa') as Language,
    mustChangePassword: user.must_change_password === 1,
    agent: sides.agent,
    contact: sides.contact,
    via,
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}
