import { agentSideOf, hasRole, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { Policy } from '../../platform/policy/index.ts';

export type ContractAction = 'update' | 'delete';
export const CONTRACT_ACTIONS: readonly ContractAction[] = ['update', 'delete'];

/** What reading a contract depends on: who manages the organisation, and the contract's account manager. */
export interface ContractAccess {
  id: number;
  organizationManagerId: number | null;
  accountManagerId: number | null;
}

const isAdmin = (actor: Actor) => isTrustedSystem(actor) || hasRole(actor, 'admin');
/** Admins and managers read every contract. */
export const readsAllContracts = (actor: Actor) => isAdmin(actor) || hasRole(actor, 'manager');
/** A crm agent reads the contracts of the organisations they manage (and those they are account manager of). */
export const crmAgentOf = (actor: Actor): number | undefined => (hasRole(actor, 'crm') ? agentSideOf(actor)?.id : undefined);

/** Contracts: admins write; admins and managers read all; a crm agent reads those they manage; nobody else sees one. */
export const contractPolicy: Policy<ContractAccess, ContractAction> = {
  entity: 'contract',
  can(actor, action, c) {
    if (action !== 'read') return isAdmin(actor);
    if (readsAllContracts(actor)) return true;
    const agent = crmAgentOf(actor);
    return agent !== undefined && (c.organizationManagerId === agent || c.accountManagerId === agent);
  },
};

/** The list: 403 for those who read no contract at all. */
export function assertCanListContracts(actor: Actor): void {
  if (!readsAllContracts(actor) && crmAgentOf(actor) === undefined) throw forbidden('list');
}

export function assertContractAdmin(actor: Actor, action: string): void {
  if (!isAdmin(actor)) throw forbidden(action);
}
