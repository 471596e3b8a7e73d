import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { changeStatus } from '../status-change.ts';
import { loadResolvedTicketFor } from '../resolved-ticket.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';

/**
 * The requester (cause customer) or a worker of the ticket (cause agent) confirms a resolved
 * ticket: it closes. From any other status → 409 ticket.invalid_transition (nothing leaves closed).
 * `quiet` (the sla sweep's catch-up auto-close only; no route sets it): the requester is not told.
 */
export const confirmTicket = defineCommand(
  'ticket.confirm',
  async (ctx: TicketCommandContext, input: { actor: Actor; ticketId: number; version?: number | undefined; quiet?: boolean | undefined }): Promise<TicketView> => {
    const { ticket, cause } = await loadResolvedTicketFor(ctx.db, 'confirm', input);
    return ticketViewOf(ctx.db, await changeStatus(ctx.db, ctx.clock, { ticket, to: 'closed', cause, actor: input.actor, quiet: input.quiet }));
  },
);
