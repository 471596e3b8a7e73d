import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError, forbidden } from '../../../platform/http/errors.ts';
import { changeStatus } from '../status-change.ts';
import { visibleTo } from '../ticket-abilities.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { loadTicketAccessForUpdate } from '../tickets.repository.ts';
import { mayReopenClosed } from '../reopen-window.ts';
import type { TicketCommandContext } from '../ticket-view.ts';
import type { TicketRow } from '../tickets.repository.ts';

/**
 * An inbound customer mail reopens a closed ticket (the lifecycle's closed→open, cause
 * inbound_mail) when it was closed at most `tickets.reopen_closed_within_days` days ago. Only the
 * mail channel on behalf of a contact who sees the ticket (unseen 404); later, or with the setting
 * at 0, 409 ticket.closed — the caller opens a linked follow-up instead.
 */
export const reopenClosedByMail = defineCommand(
  'ticket.reopen_by_mail',
  async (ctx: TicketCommandContext, input: { actor: Actor; ticketId: number }): Promise<NonNullable<TicketRow>> => {
    const { actor } = input;
    if (actor.kind !== 'system' || actor.name !== 'mail' || !actor.contact) throw forbidden('reopen');
    const access = visibleTo(actor, await loadTicketAccessForUpdate(ctx.db, input.ticketId));
    const ticket = access.row;
    if (ticket.status !== 'closed') throw new DomainError(TicketErrors['ticket.invalid_transition'], { from: ticket.status, to: 'open' });
    if (!(await mayReopenClosed(ctx, ticket.closed_at))) throw new DomainError(TicketErrors['ticket.closed']);
    return changeStatus(ctx.db, ctx.clock, { ticket, to: 'open', cause: 'inbound_mail', actor });
  },
);
