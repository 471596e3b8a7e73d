import type { Actor } from '../../platform/actor.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';
import { actorSidesOfUser } from '../people/index.ts';

/**
 * Builds the actor of a signed-in user: the sign-in (access) with its agent side (roles, groups)
 * and contact side (organisation and whether it shares tickets) from people. The sign-in and
 * the sides are read after it: two round trips whatever the roles.
 */
export async function loadUserActor(
  db: Db,
  userId: number,
  via: 'session' | 'token',
  sessionId?: number,
): Promise<Extract<Actor, { kind: 'user' }> | null> {
  const user = await db.selectFrom('users').select(['id', 'email', 'locale', 'must_change_password', 'active']).where('id', '=', userId).executeTakeFirst();
  return user ? actorFromUser(db, user, via, sessionId) : null;
}

export interface SignInRow {
  id: number;
  email: string;
  locale: string;
  must_change_password: number;
  active: number;
}

/** The actor of a sign-in row already read (the session lookup joins it): one more round trip for the sides. */
export async function actorFromUser(
  db: Db,
  user: SignInRow,
  via: 'session' | 'token',
  sessionId?: number,
): Promise<Extract<Actor, { kind: 'user' }> | null> {
  if (user.active !== 1) return null;
  const sides = await actorSidesOfUser(db, user.id);
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
