import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { writeHistory } from '../history.ts';
import { updateTicketAtVersion, type TicketRow } from '../tickets.repository.ts';
import { loadEscalationForHandling } from '../escalation-access.ts';

/**
 * The escalation's addressees (the assignee group's supervisors at level 1, managers at 1 and 2)
 * say they have it: the level stays, the ticket leaves their "Escalated to me" view. Idempotent.
 */
export async function acknowledgeEscalation(
  trx: Db,
  ctx: { clock: Clock },
  input: { ticketId: number; actor: Actor; version?: number | undefined },
): Promise<NonNullable<TicketRow>> {
  const ticket = await loadEscalationForHandling(trx, input);
  if (ticket.escalation_acknowledged_at !== null) return ticket;
  const now = ctx.clock.now();
  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { escalation_acknowledged_at: now, updated_at: now });
  if (!updated) throw new DomainError(CommonErrors['record.stale']);
  await writeHistory(trx, {
    ticketId: ticket.id,
    actor: input.actor,
    now,
    before: { escalation_acknowledged_at: null },
    after: { escalation_acknowledged_at: now },
  });
  const actorUserId = input.actor.kind === 'user' ? input.actor.userId : null;
  await recordEvent(trx, ctx.clock, 'ticket.updated', { ticketId: ticket.id, actorUserId, fields: ['escalationAcknowledgedAt'] });
  return updated;
}
