import { hasRole, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';

/** Reading the audit log is an admin's (a token needs the admin scope, which keeps the role). */
export function assertAuditReader(actor: Actor): void {
  if (!isTrustedSystem(actor) && !hasRole(actor, 'admin')) throw forbidden('audit.read');
}
