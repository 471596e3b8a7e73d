import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import { visibleTo, enforceAtVersion, escalationHandlingRefusal } from './ticket-abilities.ts';
import { loadTicketAccessForUpdate } from './tickets.repository.ts';

/**
 * The ticket an escalation's addressee acts on (acknowledge / de-escalate), locked for the write.
 * Someone who could handle an escalation of it, asking when there is none, gets 409
 * ticket.invalid_escalation rather than 403; anyone else gets 403 (or 404 if they cannot see it).
 */
export async function loadEscalationForHandling(trx: Db, input: { ticketId: number; actor: Actor; version?: number | undefined }) {
  const access = visibleTo(input.actor, await loadTicketAccessForUpdate(trx, input.ticketId));
  await enforceAtVersion(trx, access, escalationHandlingRefusal(input.actor, access), input.version);
  return access.row;
}
