import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Actor, UserActor } from '../../platform/actor.ts';
import { AccessErrors } from './access.errors.ts';

/**
 * The signed-in user behind a request. A user who still has to change a generated password may
 * reach only the session and password routes.
 */
export function requireUser(actor: Actor, options: { allowPasswordChange?: boolean } = {}): UserActor {
  if (actor.kind !== 'user') throw new DomainError(CommonErrors['auth.required']);
  if (actor.mustChangePassword && !options.allowPasswordChange) throw new DomainError(AccessErrors['auth.password_change_required']);
  return actor;
}
