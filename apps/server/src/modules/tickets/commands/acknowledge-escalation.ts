import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { writeHistory } from '../history.ts';
import { updateTicketAtVersion } from '../tickets.repository.ts';
import { loadEscalationForHandling } from '../escalation-access.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';

/**
 * The escalation's addressees (the assignee group's supervisors at level 1, managers at 1 and 2)
 * say they have it: the level stays, the ticket leaves their "Escalated to me" view. Idempotent.
 */
export const acknowledgeEscalation = defineCommand(
  'ticket.acknowledge_escalation',
  async (ctx: TicketCommandContext, input: { actor: Actor; ticketId: number; version?: number | undefined }): Promise<TicketView> => {
    const trx = ctx.db;
    const ticket = await loadEscalationForHandling(trx, input);
    if (ticket.escalation_acknowledged_at !== null) return ticketViewOf(trx, ticket);
    const now = ctx.clock.now();
    const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { escalation_acknowledged_at: now, updated_at: now });
    await writeHistory(trx, {
      ticketId: ticket.id,
      actor: input.actor,
      now,
      before: { escalation_acknowledged_at: null },
      after: { escalation_acknowledged_at: now },
    });
    await recordEvent(trx, ctx.clock, 'ticket.updated', { ticketId: ticket.id, actorUserId: actorUserId(input.actor), fields: ['escalationAcknowledgedAt'] });
    return ticketViewOf(trx, updated);
  },
);
