import { hasRole, isTrustedSystem } from '../../platform/actor.ts';
import type { Policy } from '../../platform/policy/index.ts';

/** A token is its owner's (read, revoke); an admin reads and revokes anyone's; nobody else sees it. */
export const tokenPolicy: Policy<{ user_id: number }, 'revoke'> = {
  entity: 'token',
  can: (actor, _action, token) => isTrustedSystem(actor) || (actor.kind === 'user' && (actor.userId === token.user_id || hasRole(actor, 'admin'))),
};
