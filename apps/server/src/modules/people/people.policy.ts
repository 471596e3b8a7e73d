import { contactSideOf, hasRole, isDeskAgent, isTrustedSystem, type Actor, type Role } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { type Policy } from '../../platform/policy/index.ts';

/**
 * Who may see and change people records (DESIGN.md §2 People).
 * - Organisations and contacts: the desk (analyst, supervisor, manager, crm) and admins read all;
 *   a contact reads only their own organisation and themself. Analysts, supervisors, managers and
 *   admins create and edit; a crm agent edits the organisations they manage and their contacts.
 * - Agents and groups: every agent reads; only admins create and edit.
 * - Linking a sign-in to a contact: admins only (never implied by an email address).
 * The system itself may do everything; a channel on behalf of a contact is that contact, no more.
 * Lists are all-or-nothing for now: who may list sees every row.
 */

/** The actions the presenter reports as abilities. */
export const PEOPLE_ACTIONS = ['update'] as const;
export type PeopleAction = (typeof PEOPLE_ACTIONS)[number];
export type ContactAction = PeopleAction | 'link_sign_in' | 'deactivate' | 'merge';
export type OrganizationAction = PeopleAction | 'deactivate' | 'merge';

/** What the policy needs of an organisation. */
export interface OrganizationAccess {
  id: number;
  accountManagerId: number | null;
}

/** What the policy needs of a contact: itself and its organisation's account manager. */
export interface ContactAccess {
  id: number;
  organizationId: number | null;
  accountManagerId: number | null;
}

export interface AgentAccess {
  id: number;
}

export interface GroupAccess {
  id: number;
}

const EDITORS: readonly Role[] = ['analyst', 'supervisor', 'manager', 'admin'];

const isSystem = isTrustedSystem;
const isAgent = (actor: Actor) => actor.kind === 'user' && actor.agent !== null;
const isAdmin = (actor: Actor) => isSystem(actor) || hasRole(actor, 'admin');
/** Reads every organisation and contact: the desk roles and admins. */
export const readsCustomers = (actor: Actor): boolean => isSystem(actor) || isDeskAgent(actor) || hasRole(actor, 'admin');
/** Creates and edits any organisation or contact. */
const editsCustomers = (actor: Actor) => isSystem(actor) || EDITORS.some((r) => hasRole(actor, r));
const managesAccount = (actor: Actor, accountManagerId: number | null) =>
  accountManagerId !== null && hasRole(actor, 'crm') && actor.kind === 'user' && actor.agent?.id === accountManagerId;

export const organizationPolicy: Policy<OrganizationAccess, OrganizationAction> = {
  entity: 'organization',
  can(actor, action, org) {
    if (action === 'read') {
      const contact = contactSideOf(actor);
      return readsCustomers(actor) || (contact !== null && contact.organizationId === org.id);
    }
    if (action === 'deactivate' || action === 'merge') return isAdmin(actor);
    return editsCustomers(actor) || managesAccount(actor, org.accountManagerId);
  },
};

export const contactPolicy: Policy<ContactAccess, ContactAction> = {
  entity: 'contact',
  can(actor, action, contact) {
    if (action === 'read') return readsCustomers(actor) || contactSideOf(actor)?.id === contact.id;
    if (action === 'link_sign_in' || action === 'deactivate' || action === 'merge') return isAdmin(actor);
    return editsCustomers(actor) || managesAccount(actor, contact.accountManagerId);
  },
};

export const agentPolicy: Policy<AgentAccess, PeopleAction> = {
  entity: 'agent',
  can: (actor, action) => (action === 'read' ? isSystem(actor) || isAgent(actor) : isAdmin(actor)),
};

export const groupPolicy: Policy<GroupAccess, PeopleAction> = {
  entity: 'group',
  can: (actor, action) => (action === 'read' ? isSystem(actor) || isAgent(actor) : isAdmin(actor)),
};

export type PeopleResource = 'organization' | 'contact' | 'agent' | 'group';

const CREATE: Record<PeopleResource, (actor: Actor) => boolean> = {
  organization: editsCustomers,
  contact: editsCustomers,
  agent: isAdmin,
  group: isAdmin,
};

const LIST: Record<PeopleResource, (actor: Actor) => boolean> = {
  organization: readsCustomers,
  contact: readsCustomers,
  agent: (actor) => isSystem(actor) || isAgent(actor),
  group: (actor) => isSystem(actor) || isAgent(actor),
};

/** Creating reveals nothing, so a caller who may not create gets 403. */
export function canCreate(actor: Actor, resource: PeopleResource): boolean {
  return CREATE[resource](actor);
}

/** The create commands' authorisation (asked inside the command, like every other action). */
export function assertCanCreate(actor: Actor, resource: PeopleResource): void {
  if (!canCreate(actor, resource)) throw forbidden('create');
}

/**
 * The rows of a list the actor may see: 'all', or a 403 for callers who may not list at all
 * (contacts, users without an agent side). A contact reaches their own records one by one.
 */
export function listScope(actor: Actor, resource: PeopleResource): 'all' {
  if (!LIST[resource](actor)) throw forbidden('list');
  return 'all';
}

/** Internal notes on organisations and contacts are for the desk, never for the customer themself. */
export function seesInternalNotes(actor: Actor): boolean {
  return readsCustomers(actor);
}

export function organizationAccessOf(row: { id: number; account_manager_id: number | null }): OrganizationAccess {
  return { id: row.id, accountManagerId: row.account_manager_id };
}

export function contactAccessOf(row: { id: number; organization_id: number | null; account_manager_id: number | null }): ContactAccess {
  return { id: row.id, organizationId: row.organization_id, accountManagerId: row.account_manager_id };
}
