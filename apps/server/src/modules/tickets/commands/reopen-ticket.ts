import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Db } from '../../../schema.ts';
import type { TicketRow } from '../tickets.repository.ts';
import { changeStatus } from '../status-change.ts';
import { loadResolvedTicketFor } from '../resolved-ticket.ts';

/**
 * The requester (cause customer) or a worker of the ticket (cause agent) reopens a resolved
 * ticket: it becomes open again. A closed ticket stays closed (409 ticket.invalid_transition).
 */
export async function reopenTicket(
  trx: Db,
  ctx: { clock: Clock },
  input: { ticketId: number; actor: Actor; version?: number | undefined },
): Promise<NonNullable<TicketRow>> {
  const { ticket, cause } = await loadResolvedTicketFor(trx, 'reopen', input);
  return changeStatus(trx, ctx.clock, { ticket, to: 'open', cause, actor: input.actor });
}
