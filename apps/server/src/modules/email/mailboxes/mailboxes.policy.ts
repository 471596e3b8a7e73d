import { hasRole, isDeskAgent, isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import type { Policy } from '../../../platform/policy/index.ts';

export type MailboxAction = 'update';
export const MAILBOX_ACTIONS: readonly MailboxAction[] = ['update'];

const isAdmin = (actor: Actor) => isTrustedSystem(actor) || hasRole(actor, 'admin');

/** Every agent reads mailboxes (the composer's "from"); only admins create and edit them. Contacts and channels see none. */
export const mailboxPolicy: Policy<{ id: number }, MailboxAction> = {
  entity: 'mailbox',
  can(actor, action) {
    if (action === 'read') return isAdmin(actor) || isDeskAgent(actor);
    return isAdmin(actor);
  },
};

/** The list and create refuse with 403 (there is no record to hide). */
export function assertCanListMailboxes(actor: Actor): void {
  if (!(isAdmin(actor) || isDeskAgent(actor))) throw forbidden('list');
}

export function assertCanCreateMailbox(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('create');
}
