import type { Ticket as TicketDto, TicketSla as TicketSlaDto, TicketSummary } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { isPending, nextStatuses, type Status } from './lifecycle.ts';
import { seesInternal, type TicketAccess } from './tickets.policy.ts';
import { ticketAbilities } from './ticket-abilities.ts';
import type { TicketRelated } from './tickets.queries.ts';
import type { TicketRow } from './tickets.repository.ts';

type Ticket = NonNullable<TicketRow>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Fields of both the summary and the full ticket. Escalation is desk-internal: absent for contacts. */
function common(row: Ticket, related: TicketRelated, internal: boolean): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    displayNumber: `${related.prefix}${row.number}`,
    title: row.title,
    type: row.type,
    status: row.status as Status,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    channel: row.channel,
    categoryId: row.category_id,
    requester: row.requester_contact_id === null ? null : (related.contacts.get(row.requester_contact_id) ?? { id: row.requester_contact_id, name: '' }),
    organization: row.organization_id === null ? null : (related.organizations.get(row.organization_id) ?? { id: row.organization_id, name: '' }),
    owner: { groupId: row.owner_group_id, agentId: row.owner_agent_id },
    assignee: { groupId: row.assignee_group_id, agentId: row.assignee_agent_id },
    ...(internal ? { escalationLevel: row.escalation_level, sla: slaOf(row) } : {}),
    pendingUntil: iso(row.pending_until),
    tags: related.tags.get(row.id) ?? [],
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    resolvedAt: iso(row.resolved_at),
  };
}

/**
 * The SLA clocks as stored (sla-state.ts). Paused: a policy applies, the ticket is open and
 * resolution has no due time (its clock stands in a pausing status).
 */
function slaOf(row: Ticket): TicketSlaDto {
  const open = row.status !== 'resolved' && row.status !== 'closed';
  return {
    policyId: row.sla_policy_id,
    dueAt: iso(row.sla_due_at),
    paused: row.sla_policy_id !== null && open && row.sla_resolution_due_at === null && isPending(row.status),
    firstResponse: { dueAt: iso(row.sla_first_response_due_at), breached: row.sla_first_response_breached === 1 },
    nextResponse: { dueAt: iso(row.sla_next_response_due_at), breached: row.sla_next_response_breached === 1 },
    resolution: { dueAt: iso(row.sla_resolution_due_at), breached: row.sla_resolution_breached === 1 },
  };
}

/**
 * A row of a list or queue. The caller already scoped the rows with visibleTickets. Desk-internal
 * fields follow the ticket read's rule (seesInternal on this ticket), not the reader's roles: an
 * agent who sees a ticket only as its requester reads it as a customer.
 */
export function presentTicketSummary(actor: Actor, row: Ticket, related: TicketRelated): TicketSummary {
  const access = related.access.get(row.id);
  return common(row, related, access !== undefined && seesInternal(actor, access));
}

/**
 * One ticket for its reader, with the reader's abilities (camelCase) and the statuses they may
 * set. A customer reader does not see desk-internal fields (priority override, escalation).
 * Abilities come from ticket-abilities, the functions the commands themselves check.
 */
export function presentTicket(actor: Actor, access: TicketAccess & { row: Ticket }, related: TicketRelated): TicketDto {
  const row = access.row;
  const internal = seesInternal(actor, access);
  const can = ticketAbilities(actor, access);
  return {
    ...common(row, related, internal),
    description: row.description,
    ...(internal
      ? {
          priorityOverride:
            row.priority_overridden === 1
              ? { priority: row.priority, reason: row.priority_override_reason ?? '', by: row.priority_override_by }
              : null,
          escalatedAt: iso(row.escalated_at),
          escalationAcknowledgedAt: iso(row.escalation_acknowledged_at),
        }
      : {}),
    mergedInto: row.merged_into_id === null ? null : (related.tickets.get(row.merged_into_id) ?? { id: row.merged_into_id, number: 0 }),
    firstResponseAt: iso(row.first_response_at),
    closedAt: iso(row.closed_at),
    version: row.version,
    abilities: can,
    nextStatuses: can.update ? nextStatuses(row.status, 'agent') : [],
  };
}

/** A history row: the field as the API names it; times (…At, …Until) as ISO-8601 rather than epoch milliseconds. */
export function presentHistoryEntry(r: {
  id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number | null;
  actor_system: string | null;
  actor_name: string;
  old_label: string | null;
  new_label: string | null;
  created_at: number;
}) {
  const timeField = /(At|Until)$/.test(r.field);
  const value = (v: string | null) => (timeField && v !== null && /^\d+$/.test(v) ? new Date(Number(v)).toISOString() : v);
  return {
    id: r.id,
    field: r.field,
    oldValue: value(r.old_value),
    newValue: value(r.new_value),
    oldLabel: r.old_label,
    newLabel: r.new_label,
    actor: { userId: r.actor_user_id, system: r.actor_system, name: r.actor_name },
    createdAt: new Date(r.created_at).toISOString(),
  };
}
