import { hasRole, isDeskAgent, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { Policy } from '../../platform/policy/index.ts';

export type SlaAction = 'update' | 'delete';
export const SLA_ACTIONS: readonly SlaAction[] = ['update', 'delete'];
const isAdmin = (actor: Actor) => isTrustedSystem(actor) || hasRole(actor, 'admin');

/** Every agent reads SLA policies and rules (the targets their tickets run on); admins change them. Contacts see none. */
export const slaPolicy: Policy<{ id: number }, SlaAction> = {
  entity: 'sla_policy',
  can: (actor, action) => (action === 'read' ? isAdmin(actor) || isDeskAgent(actor) : isAdmin(actor)),
};
export const slaRulePolicy: Policy<{ id: number }, SlaAction> = { ...slaPolicy, entity: 'sla_rule' };

export function assertCanReadSla(actor: Actor): void {
  if (!(isAdmin(actor) || isDeskAgent(actor))) throw forbidden('list');
}

export function assertSlaAdmin(actor: Actor, action: string): void {
  if (!isAdmin(actor)) throw forbidden(action);
}
