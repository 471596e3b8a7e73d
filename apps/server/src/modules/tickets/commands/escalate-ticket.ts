import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { writeHistory, type HistoryValue } from '../history.ts';
import { EscalationRefusals, TicketErrors } from '../tickets.errors.ts';
import { loadTicketAccessForUpdate, updateTicketAtVersion, type TicketChanges } from '../tickets.repository.ts';
import { requireAssignee, requireGroup } from '../ticket-fields.ts';
import { visibleTo, enforceAtVersion, escalateRefusal } from '../ticket-abilities.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';

/** The highest hierarchical level: 1 the assignee group's supervisors, 2 the managers. */
export const MAX_ESCALATION_LEVEL = 2;

export type EscalateInput = {
  ticketId: number;
  actor: Actor;
  reason: string;
  /** When given, the ticket must still be at this version (409 record.stale). */
  version?: number;
} & ({ kind: 'functional'; groupId: number; agentId?: number | null } | { kind: 'hierarchical' });

/**
 * Escalates a ticket — the one entry point for agents and for the SLA sweep (as the system actor).
 * Functional: refers it to another group (optionally an agent of it); the owner keeps it and sees
 * it in "Referred elsewhere"; when that group resolves it, the assignee returns to the owner
 * (changeStatus). Hierarchical: raises escalation_level 0→1 (the assignee group's supervisors)
 * or 1→2 (managers); a new escalation is unacknowledged again. Closed, merged and resolved
 * tickets are not escalated. The reason goes to history, never into the event payload.
 */
export const escalateTicket = defineCommand('ticket.escalate', async (ctx: TicketCommandContext, input: EscalateInput): Promise<TicketView> => {
  const { actor } = input;
  const trx = ctx.db;
  const access = visibleTo(actor, await loadTicketAccessForUpdate(trx, input.ticketId));
  await enforceAtVersion(trx, access, escalateRefusal(actor, access), input.version);
  const ticket = access.row;
  if (input.reason.trim() === '') throw invalidInput('reason', 'blank');

  const now = ctx.clock.now();
  const set: TicketChanges = {};
  if (input.kind === 'functional') {
    if (input.groupId === ticket.assignee_group_id) throw invalid('same_group');
    await requireGroup(trx, input.groupId, 'groupId');
    const agentId = input.agentId ?? null;
    if (agentId !== null) await requireAssignee(trx, input.groupId, agentId, 'agentId');
    set.assignee_group_id = input.groupId;
    if (agentId !== ticket.assignee_agent_id) set.assignee_agent_id = agentId;
    // A pending hierarchical escalation now concerns the new group's supervisors: unacknowledged.
    if (ticket.escalation_level > 0 && ticket.escalation_acknowledged_at !== null) set.escalation_acknowledged_at = null;
  } else {
    if (ticket.escalation_level >= MAX_ESCALATION_LEVEL) throw invalid('at_managers');
    set.escalation_level = ticket.escalation_level + 1;
    set.escalated_at = now;
    set.escalation_acknowledged_at = null;
  }

  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...set, updated_at: now });
  const before: Record<string, HistoryValue> = { escalation_reason: null };
  const after: Record<string, HistoryValue> = { escalation_reason: input.reason };
  for (const column of ['assignee_group_id', 'assignee_agent_id', 'escalation_level'] as const) {
    if (column in set) {
      before[column] = ticket[column];
      after[column] = updated[column];
    }
  }
  await writeHistory(trx, { ticketId: ticket.id, actor, now, before, after });

  const userId = actorUserId(actor);
  if (input.kind === 'functional') {
    await recordEvent(trx, ctx.clock, 'ticket.escalated', { ticketId: ticket.id, actorUserId: userId, kind: 'functional', groupId: updated.assignee_group_id });
    await recordEvent(trx, ctx.clock, 'ticket.assigned', {
      ticketId: ticket.id,
      actorUserId: userId,
      groupId: updated.assignee_group_id,
      agentId: updated.assignee_agent_id,
    });
  } else {
    await recordEvent(trx, ctx.clock, 'ticket.escalated', {
      ticketId: ticket.id,
      actorUserId: userId,
      kind: 'hierarchical',
      level: updated.escalation_level,
      groupId: updated.assignee_group_id,
    });
  }
  return ticketViewOf(trx, updated);
});

function invalid(reason: keyof typeof EscalationRefusals): DomainError {
  return new DomainError(TicketErrors['ticket.invalid_escalation'], { reason });
}
