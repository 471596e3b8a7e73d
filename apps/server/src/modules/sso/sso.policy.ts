import { hasRole, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';

/**
 * Single sign-on configuration is an admin's alone: the directory's bind DN, its filters and the
 * role mappings say who may become an admin. Nobody else reads it (403 on every route: the records
 * are configuration, not anyone's own).
 */
export function assertSsoAdmin(actor: Actor, action: string): void {
  if (!(isTrustedSystem(actor) || hasRole(actor, 'admin'))) throw forbidden(action);
}
