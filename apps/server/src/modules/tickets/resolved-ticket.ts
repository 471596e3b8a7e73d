import type { Actor } from '../../platform/actor.ts';
import { CommonErrors, DomainError, forbidden } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import type { TransitionCause } from './lifecycle.ts';
import { TicketErrors } from './tickets.errors.ts';
import { ticketPolicy } from './tickets.policy.ts';
import { loadTicketAccessForUpdate } from './tickets.repository.ts';
import { authorize } from '../../platform/policy/index.ts';

/**
 * The ticket a confirm or reopen acts on, locked for the write, and the lifecycle cause of the
 * actor: a worker of the ticket acts as 'agent', the requester as 'customer'. Who may never do it
 * gets 403; who may, on a ticket that is not resolved, gets 409 ticket.invalid_transition.
 */
export async function loadResolvedTicketFor(
  trx: Db,
  action: 'confirm' | 'reopen',
  input: { ticketId: number; actor: Actor; version?: number | undefined },
): Promise<{ ticket: NonNullable<Awaited<ReturnType<typeof loadTicketAccessForUpdate>>>['row']; cause: TransitionCause }> {
  const { actor } = input;
  const loaded = await loadTicketAccessForUpdate(trx, input.ticketId);
  authorize(ticketPolicy, actor, 'read', loaded);
  const access = loaded!;
  if (!ticketPolicy.can(actor, action, { ...access, status: 'resolved' })) throw forbidden(action);
  if (input.version !== undefined && input.version !== access.row.version) throw new DomainError(CommonErrors['record.stale']);
  const to = action === 'confirm' ? 'closed' : 'open';
  if (access.status !== 'resolved') throw new DomainError(TicketErrors['ticket.invalid_transition'], { from: access.status, to });
  const cause: TransitionCause = actor.kind === 'system' ? 'system' : ticketPolicy.can(actor, 'update', access) ? 'agent' : 'customer';
  return { ticket: access.row, cause };
}
