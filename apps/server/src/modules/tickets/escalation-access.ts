import type { Actor } from '../../platform/actor.ts';
import { CommonErrors, DomainError, forbidden } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { TicketErrors } from './tickets.errors.ts';
import { ticketPolicy } from './tickets.policy.ts';
import { loadTicketAccessForUpdate } from './tickets.repository.ts';
import { authorize } from '../../platform/policy/index.ts';

/**
 * The ticket an escalation's addressee acts on (acknowledge / de-escalate), locked for the write.
 * Someone who could handle an escalation of it, asking when there is none, gets 409
 * ticket.invalid_escalation rather than 403; anyone else gets 403 (or 404 if they cannot see it).
 */
export async function loadEscalationForHandling(trx: Db, input: { ticketId: number; actor: Actor; version?: number | undefined }) {
  const loaded = await loadTicketAccessForUpdate(trx, input.ticketId);
  authorize(ticketPolicy, input.actor, 'read', loaded);
  const access = loaded!;
  if (!ticketPolicy.can(input.actor, 'acknowledge_escalation', { ...access, escalation_level: Math.max(1, access.escalation_level) })) {
    throw forbidden('acknowledge_escalation');
  }
  if (input.version !== undefined && input.version !== access.row.version) throw new DomainError(CommonErrors['record.stale']);
  if (access.escalation_level === 0) throw new DomainError(TicketErrors['ticket.invalid_escalation'], { reason: 'the ticket is not escalated' });
  return access.row;
}
