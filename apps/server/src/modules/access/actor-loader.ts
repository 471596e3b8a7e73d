import type { Actor, ActorSidesLoader } from '../../platform/actor.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';
import { findSignInRow } from './users.repository.ts';
import { accessSettings } from './access.settings.ts';
import { hasConfirmedTotp } from './totp.repository.ts';

/** The columns of a sign-in (`users`) the actor is built from. */
export interface SignInRow {
  id: number;
  email: string;
  locale: string;
  must_change_password: number;
  active: number;
}

/**
 * Builds the actor of a signed-in user from a sign-in row already read (the session lookup joins
 * it): its agent side (roles, groups) and contact side (organisation, whether it shares tickets)
 * come from people (injected by app.ts, so access does not import people) in one more round trip.
 */
export async function actorFromUser(
  db: Db,
  actorSides: ActorSidesLoader,
  user: SignInRow,
  via: Extract<Actor, { kind: 'user' }>['via'],
  sessionId?: number,
): Promise<Extract<Actor, { kind: 'user' }> | null> {
  if (user.active !== 1) return null;
  const sides = await actorSides(db, user.id);
  // A sign-in whose agent and contact sides are both deactivated (or absent) is nobody.
  if (!sides.agent && !sides.contact) return null;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    locale: (user.locale === 'en' ? 'en' : 'fa') as Language,
    mustChangePassword: user.must_change_password === 1,
    mustEnrolTotp: sides.agent?.roles.has('admin') ? await adminMustEnrol(db, user.id) : false,
    agent: sides.agent,
    contact: sides.contact,
    via,
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}

/** The actor of a user by id, as it is now (a job acting for that user reloads it when it runs); null when the user is gone or inactive. */
export async function actorOfUser(db: Db, actorSides: ActorSidesLoader, userId: number): Promise<Extract<Actor, { kind: 'user' }> | null> {
  const user = await findSignInRow(db, userId);
  return user ? actorFromUser(db, actorSides, user, 'job') : null;
}

/** Whether an admin is held at enrolment: the setting is on and the sign-in has no confirmed second factor (read uncached: admins are few). */
async function adminMustEnrol(db: Db, userId: number): Promise<boolean> {
  if (!(await accessSettings.get(db, 'access.totp_required_for_admins'))) return false;
  return !(await hasConfirmedTotp(db, userId));
}
