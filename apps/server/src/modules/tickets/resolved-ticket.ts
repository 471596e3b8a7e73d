import { isTrustedSystem, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import type { TransitionCause } from './lifecycle.ts';
import { visibleTo, enforceAtVersion, resolvedRefusal } from './ticket-abilities.ts';
import { ticketPolicy } from './tickets.policy.ts';
import { loadTicketAccessForUpdate, type TicketRow } from './tickets.repository.ts';

/**
 * The ticket a confirm or reopen acts on, locked for the write, and the lifecycle cause of the
 * actor: a worker of the ticket acts as 'agent', the requester as 'customer'. Who may never do it
 * gets 403; who may, on a ticket that is not resolved, gets 409 ticket.invalid_transition.
 */
export async function loadResolvedTicketFor(
  trx: Db,
  action: 'confirm' | 'reopen',
  input: { ticketId: number; actor: Actor; version?: number | undefined },
): Promise<{ ticket: NonNullable<TicketRow>; cause: TransitionCause }> {
  const { actor } = input;
  const access = visibleTo(actor, await loadTicketAccessForUpdate(trx, input.ticketId));
  await enforceAtVersion(trx, access, resolvedRefusal(actor, action, access), input.version);
  const cause: TransitionCause = isTrustedSystem(actor) ? 'system' : ticketPolicy.can(actor, 'update', access) ? 'agent' : 'customer';
  return { ticket: access.row, cause };
}
