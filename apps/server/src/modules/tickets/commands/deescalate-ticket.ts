import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { writeHistory } from '../history.ts';
import { updateTicketAtVersion } from '../tickets.repository.ts';
import { loadEscalationForHandling } from '../escalation-access.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';

/** The escalation's addressees take a hierarchical escalation back to level 0 (it leaves every "Escalated to me"). */
export const deescalateTicket = defineCommand(
  'ticket.deescalate',
  async (ctx: TicketCommandContext, input: { actor: Actor; ticketId: number; version?: number | undefined }): Promise<TicketView> => {
    const trx = ctx.db;
    const ticket = await loadEscalationForHandling(trx, input);
    const now = ctx.clock.now();
    const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, {
      escalation_level: 0,
      escalated_at: null,
      escalation_acknowledged_at: null,
      updated_at: now,
    });
    await writeHistory(trx, {
      ticketId: ticket.id,
      actor: input.actor,
      now,
      before: { escalation_level: ticket.escalation_level },
      after: { escalation_level: 0 },
    });
    await recordEvent(trx, ctx.clock, 'ticket.updated', { ticketId: ticket.id, actorUserId: actorUserId(input.actor), fields: ['escalationLevel'] });
    return ticketViewOf(trx, updated);
  },
);
