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

/**
 * Someone who is not anonymous: a signed-in user, or a ticket link's customer (a system actor on
 * behalf of a contact, bound to one ticket). For the few reads a ticket link opens (the ticket,
 * its articles); the policy decides what they see.
 */
export function requireCaller(actor: Actor): Exclude<Actor, { kind: 'anonymous' }> {
  if (actor.kind === 'anonymous') throw new DomainError(CommonErrors['auth.required']);
  return actor;
}
