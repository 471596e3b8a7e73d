import { CommonErrors, DomainError } from '../http/errors.ts';
import type { Actor, UserActor } from '../actor.ts';

/**
 * The signed-in user behind a request (narrows the actor's type). Signing in, and the pending
 * password change of a generated password, are enforced for every route by the HTTP layer.
 */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new DomainError(CommonErrors['auth.required']);
  return actor;
}
