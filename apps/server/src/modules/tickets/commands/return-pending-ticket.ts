import type { Actor } from '../../../platform/actor.ts';
import { isTrustedSystem } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { PENDING_STATUSES } from '../lifecycle.ts';
import { changeStatus } from '../status-change.ts';
import type { TicketCommandContext } from '../ticket-view.ts';
import { loadTicketForUpdate } from '../tickets.repository.ts';

/**
 * Returns a pending ticket whose pending-until date has come to open (DESIGN.md lifecycle) and
 * records ticket.pending_reached, so its assignee is told. Only the system does this (the sweep in
 * tickets.jobs.ts): 403 for anyone else. The ticket is re-read under its lock, so one that a
 * customer's reply already reopened, or whose date was moved, is left alone (returns false).
 */
export const returnPendingTicket = defineCommand(
  'ticket.return_pending',
  async (ctx: TicketCommandContext, input: { actor: Actor; ticketId: number }): Promise<boolean> => {
    if (!isTrustedSystem(input.actor)) throw forbidden('return_pending');
    const ticket = await loadTicketForUpdate(ctx.db, input.ticketId);
    const now = ctx.clock.now();
    if (!ticket || !PENDING_STATUSES.includes(ticket.status as never) || ticket.pending_until === null || ticket.pending_until > now) return false;
    await changeStatus(ctx.db, ctx.clock, { ticket, to: 'open', cause: 'system', actor: input.actor });
    await recordEvent(ctx.db, ctx.clock, 'ticket.pending_reached', { ticketId: ticket.id });
    return true;
  },
);
