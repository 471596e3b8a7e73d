import { hasRole, isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';

/** Held mail (unknown senders under `email.unknown_senders = hold`) is reviewed by admins and supervisors: a stranger's mail is no one's ticket yet. */
export function mayReviewHeldMail(actor: Actor): boolean {
  return isTrustedSystem(actor) || hasRole(actor, 'admin') || hasRole(actor, 'supervisor');
}

/** Signed in (401) and a reviewer (403 otherwise: the list and each message alike, nothing to hide). */
export function assertHeldMailReviewer(actor: Actor): void {
  if (!isTrustedSystem(actor)) requireUser(actor);
  if (!mayReviewHeldMail(actor)) throw forbidden('email.held');
}
