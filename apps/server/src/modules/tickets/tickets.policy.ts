import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { agentSideOf, contactSideOf, hasRole, isTrustedSystem, ticketScopeOf, type Actor } from '../../platform/actor.ts';
import type { DB } from '../../schema.ts';
import { organizationsManagedBy } from '../people/index.ts';
import { type Policy } from '../../platform/policy/index.ts';
import { ticketsOnceAssignedTo, ticketsWatchedBy } from './tickets.repository.ts';

/** What the policy needs to know about one ticket (loaded by tickets.repository loadTicketAccess). */
export interface TicketAccess {
  id: number;
  status: string;
  requester_contact_id: number | null;
  organization_id: number | null;
  owner_group_id: number | null;
  owner_agent_id: number | null;
  assignee_group_id: number | null;
  assignee_agent_id: number | null;
  escalation_level: number;
  /** The organisation's account manager (a crm agent), if any. */
  accountManagerId: number | null;
  /** Whether the organisation lets its members see each other's tickets. */
  organizationShares: boolean;
  watcherAgentIds: readonly number[];
  watcherContactIds: readonly number[];
  /** Agents it was ever assigned to (ticket_past_assignees): who worked it keeps reading it. */
  pastAssigneeAgentIds: readonly number[];
}

export const TICKET_ACTIONS = [
  'update',
  'reassign',
  'escalate',
  'acknowledge_escalation',
  'reply',
  'note',
  'attach',
  'relate',
  'merge',
  'history',
  'watch',
  'confirm',
  'reopen',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const agentOf = agentSideOf;
/** A user's contact side, or the contact a channel (mail, sms) writes for: both are held to the contact rules. */
const contactOf = contactSideOf;

/** The desk works it: a manager, or an analyst/supervisor of its owner or assignee group, named on it, or watching it. */
function agentWorks(actor: Actor, t: TicketAccess): boolean {
  const agent = agentOf(actor);
  if (!agent) return false;
  if (agent.roles.has('manager')) return true;
  if (!agent.roles.has('analyst') && !agent.roles.has('supervisor')) return false;
  return (
    inGroups(agent.groupIds, t.assignee_group_id) ||
    inGroups(agent.groupIds, t.owner_group_id) ||
    t.assignee_agent_id === agent.id ||
    t.owner_agent_id === agent.id ||
    t.watcherAgentIds.includes(agent.id)
  );
}

/**
 * An agent sees it: whoever works it, the crm agent of its organisation, and a worker it was once
 * assigned to — the agent who resolved a referral keeps reading it after it went back (read and
 * history only, like the crm agent).
 */
function agentSees(actor: Actor, t: TicketAccess): boolean {
  const agent = agentOf(actor);
  if (!agent) return false;
  if (agentWorks(actor, t)) return true;
  if (agent.roles.has('crm') && t.accountManagerId !== null && t.accountManagerId === agent.id) return true;
  return (agent.roles.has('analyst') || agent.roles.has('supervisor')) && t.pastAssigneeAgentIds.includes(agent.id);
}

function supervisesAssigneeGroup(actor: Actor, t: TicketAccess): boolean {
  const agent = agentOf(actor);
  return !!agent && agent.roles.has('supervisor') && inGroups(agent.groupIds, t.assignee_group_id);
}

function isRequester(actor: Actor, t: TicketAccess): boolean {
  const contact = contactOf(actor);
  return !!contact && t.requester_contact_id === contact.id;
}

function isContactParticipant(actor: Actor, t: TicketAccess): boolean {
  const contact = contactOf(actor);
  return !!contact && (t.requester_contact_id === contact.id || t.watcherContactIds.includes(contact.id));
}

function contactSees(actor: Actor, t: TicketAccess): boolean {
  const contact = contactOf(actor);
  if (!contact) return false;
  if (isContactParticipant(actor, t)) return true;
  return contact.organizationShares && contact.organizationId !== null && t.organization_id === contact.organizationId;
}

function inGroups(groups: readonly number[], id: number | null): boolean {
  return id !== null && groups.includes(id);
}

/**
 * Tickets (DESIGN.md §2, ADR 0011). Not visible → 404, visible but not allowed → 403.
 * The route matrix (access/route-matrix.ts) states the expected outcomes independently.
 */
export const ticketPolicy: Policy<TicketAccess, TicketAction> = {
  entity: 'ticket',
  can(actor, action, t) {
    if (isTrustedSystem(actor)) return true;
    if (actor.kind === 'anonymous') return false;
    // A ticket link opens its one ticket (as its contact), no other.
    const scope = ticketScopeOf(actor);
    if (scope !== undefined && scope !== t.id) return false;
    switch (action) {
      case 'read':
        return agentSees(actor, t) || contactSees(actor, t);
      case 'update':
      case 'escalate':
      case 'note':
      case 'relate':
      case 'merge':
      case 'watch':
        return agentWorks(actor, t);
      case 'history':
        return agentSees(actor, t);
      case 'reply':
      case 'attach':
        return agentWorks(actor, t) || (isContactParticipant(actor, t) && t.status !== 'closed');
      case 'reassign':
        return agentWorks(actor, t) && (hasRole(actor, 'manager') || supervisesAssigneeGroup(actor, t));
      case 'acknowledge_escalation':
        if (t.escalation_level === 1) return supervisesAssigneeGroup(actor, t) || hasRole(actor, 'manager');
        if (t.escalation_level === 2) return hasRole(actor, 'manager');
        return false;
      case 'confirm':
      case 'reopen':
        return t.status === 'resolved' && (isRequester(actor, t) || agentWorks(actor, t));
    }
  },
};

/** Whether the actor sees a ticket through the desk (agent rules) — such readers also see internal notes. */
export function seesInternal(actor: Actor, t: TicketAccess): boolean {
  return isTrustedSystem(actor) || agentSees(actor, t);
}

type TicketEb = ExpressionBuilder<DB, 'tickets'>;

/**
 * The list filter for the tickets an actor may see — the same rules as `can(actor, 'read')`,
 * as SQL. Every ticket list and queue is built on it.
 */
export function visibleTickets(actor: Actor): (eb: TicketEb) => Expression<SqlBool> {
  return (eb) => {
    if (isTrustedSystem(actor)) return eb.lit(true);
    if (actor.kind === 'anonymous') return eb.lit(false);
    const ors: Expression<SqlBool>[] = [];
    const agent = agentOf(actor);
    if (agent?.roles.has('manager')) return eb.lit(true);
    if (agent && (agent.roles.has('analyst') || agent.roles.has('supervisor'))) {
      if (agent.groupIds.length) {
        ors.push(eb('tickets.assignee_group_id', 'in', agent.groupIds));
        ors.push(eb('tickets.owner_group_id', 'in', agent.groupIds));
      }
      ors.push(eb('tickets.assignee_agent_id', '=', agent.id));
      ors.push(eb('tickets.owner_agent_id', '=', agent.id));
      ors.push(eb('tickets.id', 'in', ticketsWatchedBy(eb, { agentId: agent.id })));
      ors.push(eb('tickets.id', 'in', ticketsOnceAssignedTo(eb, agent.id)));
    }
    if (agent?.roles.has('crm')) {
      ors.push(eb('tickets.organization_id', 'in', organizationsManagedBy(agent.id)));
    }
    const contact = contactOf(actor);
    if (contact) {
      ors.push(eb('tickets.requester_contact_id', '=', contact.id));
      ors.push(eb('tickets.id', 'in', ticketsWatchedBy(eb, { contactId: contact.id })));
      if (contact.organizationShares && contact.organizationId !== null) ors.push(eb('tickets.organization_id', '=', contact.organizationId));
    }
    const scope = ticketScopeOf(actor);
    if (!ors.length) return eb.lit(false);
    return scope === undefined ? eb.or(ors) : eb.and([eb('tickets.id', '=', scope), eb.or(ors)]);
  };
}

/**
 * Whether visibleTickets(actor) tests only columns of `tickets_updated` (the groups and agents,
 * the watcher and past-assignee subqueries by id): a desk worker with no crm role and no contact
 * side, or a manager (who sees every ticket). Such a scope can be checked on the index entry while
 * walking it (ADR 0027); a contact's or crm agent's scope names columns the index lacks.
 */
export function scopeOnSortIndex(actor: Actor): boolean {
  const agent = agentOf(actor);
  if (!agent || contactOf(actor) || ticketScopeOf(actor) !== undefined) return false;
  if (agent.roles.has('manager')) return true;
  return !agent.roles.has('crm') && (agent.roles.has('analyst') || agent.roles.has('supervisor'));
}

/** The desk itself, as the record of actions that concern no single ticket (create, queues, settings). */
export const TICKET_DESK = { entity: 'desk' } as const;
export type TicketDeskAction = 'create' | 'queues' | 'read_settings' | 'change_settings';

/** A worker of the desk: the roles that create and work tickets (not admin-only, not crm-only). */
export function isTicketWorker(actor: Actor): boolean {
  const agent = agentOf(actor);
  return !!agent && (agent.roles.has('analyst') || agent.roles.has('supervisor') || agent.roles.has('manager'));
}

/**
 * How a user creates a ticket: as a desk worker ('agent'), as a customer through the portal
 * ('contact'), or not at all. One person who is both creates as an agent.
 */
export function creatorKind(actor: Actor): 'agent' | 'contact' | null {
  if (isTicketWorker(actor)) return 'agent';
  return contactOf(actor) ? 'contact' : null;
}

/**
 * Desk-wide actions: creating tickets (workers and contacts), the queue views (any agent; a
 * contact has none), reading the ticket settings (any agent) and changing them (admin).
 */
export const ticketDeskPolicy: Policy<typeof TICKET_DESK, TicketDeskAction> = {
  entity: 'desk',
  can(actor, action) {
    if (isTrustedSystem(actor)) return true;
    if (actor.kind === 'anonymous') return false;
    // A ticket link opens its one ticket, nothing desk-wide.
    if (ticketScopeOf(actor) !== undefined) return false;
    switch (action) {
      case 'read':
        return true;
      case 'create':
        return creatorKind(actor) !== null;
      case 'queues':
      case 'read_settings':
        return agentOf(actor) !== null;
      case 'change_settings':
        return hasRole(actor, 'admin');
    }
  },
};
