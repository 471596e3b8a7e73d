import { isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { activeAgentsOfGroup } from '../../people/index.ts';
import { loadTicketRow, OPEN_STATUSES, openTicketCountsOfAgents, updateTicket } from '../../tickets/index.ts';
import { assignmentOrder } from '../assignment-order.ts';
import type { DutyContext } from '../duty.context.ts';
import { agentDutiesOf, findGroupAssignment, lockAgentDuty, lockGroupAssignment, recordLastAssigned } from '../duty.repository.ts';
import { agentsOnDuty } from '../on-duty.ts';

export type AutoAssignOutcome =
  | { assigned: number }
  | { skipped: 'not_waiting' | 'off' | 'nobody_on_duty' | 'all_at_cap' };

/**
 * Gives an unassigned open ticket of a group to one of its members on duty, by the group's mode
 * (round-robin or least-loaded), skipping those away or at the cap of open tickets. The group's
 * assignment row is held for the whole decision (one at a time per group), and each candidate's
 * duty row before their load is counted again, so two processes assigning at once cannot push an
 * agent past the cap (on SQLite the writer lock serialises them anyway). The assignment itself is
 * tickets' own update command, as the system: history, events and notifications as for a person.
 * With nobody on duty the ticket stays in the group queue.
 */
export const autoAssignTicket = defineCommand('duty.auto_assign', async (ctx: DutyContext, input: { actor: Actor; ticketId: number }): Promise<AutoAssignOutcome> => {
  if (!isTrustedSystem(input.actor)) throw forbidden('auto_assign');
  const now = ctx.clock.now();
  const ticket = await loadTicketRow(ctx.db, input.ticketId);
  const groupId = ticket?.assignee_group_id ?? null;
  const waiting = ticket && groupId !== null && ticket.assignee_agent_id === null && ticket.merged_into_id === null && OPEN_STATUSES.includes(ticket.status as never);
  if (!waiting) return { skipped: 'not_waiting' };
  // Most groups never hand tickets out, and this runs in every created ticket's dispatch: read the
  // mode first and hold the group's row only when it is on (the lock queued PostgreSQL's dispatch
  // lanes behind one another: 7.4 s of an 11 s drain). Under the lock the mode is read again.
  if (!handsOut((await findGroupAssignment(ctx.db, groupId))?.mode)) return { skipped: 'off' };
  const group = await lockGroupAssignment(ctx.db, groupId, now);
  if (!handsOut(group.mode)) return { skipped: 'off' };

  const members = (await activeAgentsOfGroup(ctx.db, groupId)).map((m) => m.agentId);
  const duties = await agentDutiesOf(ctx.db, members);
  const onDuty = await agentsOnDuty(ctx.db, members, duties, group.calendar_id, now);
  if (onDuty.length === 0) return { skipped: 'nobody_on_duty' };

  const loads = await openTicketCountsOfAgents(ctx.db, onDuty);
  const order = assignmentOrder(group.mode, onDuty.map((agentId) => ({ agentId, openTickets: loads.get(agentId) ?? 0 })), group.last_agent_id);
  const cap = group.max_open_per_agent;
  for (const agentId of order) {
    if (cap !== null) {
      await lockAgentDuty(ctx.db, agentId, now);
      const open = (await openTicketCountsOfAgents(ctx.db, [agentId])).get(agentId) ?? 0;
      if (open >= cap) continue;
    }
    await updateTicket(ctx, { actor: input.actor, ticketId: input.ticketId, body: { version: ticket.version, assigneeAgentId: agentId } });
    await recordLastAssigned(ctx.db, groupId, agentId);
    return { assigned: agentId };
  }
  return { skipped: 'all_at_cap' };
});

function handsOut(mode: string | undefined): mode is 'round_robin' | 'least_loaded' {
  return mode === 'round_robin' || mode === 'least_loaded';
}
