import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { changeStatus } from '../status-change.ts';
import { loadResolvedTicketFor } from '../resolved-ticket.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';

/**
 * The requester (cause customer) or a worker of the ticket (cause agent) reopens a resolved
 * ticket: it becomes open again. A closed ticket stays closed (409 ticket.invalid_transition).
 */
export const reopenTicket = defineCommand(
  'ticket.reopen',
  async (ctx: TicketCommandContext, input: { actor: Actor; ticketId: number; version?: number | undefined }): Promise<TicketView> => {
    const { ticket, cause } = await loadResolvedTicketFor(ctx.db, 'reopen', input);
    return ticketViewOf(ctx.db, await changeStatus(ctx.db, ctx.clock, { ticket, to: 'open', cause, actor: input.actor }));
  },
);
