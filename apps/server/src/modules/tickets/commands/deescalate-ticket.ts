import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { writeHistory } from '../history.ts';
import { updateTicketAtVersion, type TicketRow } from '../tickets.repository.ts';
import { loadEscalationForHandling } from '../escalation-access.ts';

/** The escalation's addressees take a hierarchical escalation back to level 0 (it leaves every "Escalated to me"). */
export async function deescalateTicket(
  trx: Db,
  ctx: { clock: Clock },
  input: { ticketId: number; actor: Actor; version?: number | undefined },
): Promise<NonNullable<TicketRow>> {
  const ticket = await loadEscalationForHandling(trx, input);
  const now = ctx.clock.now();
  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, {
    escalation_level: 0,
    escalated_at: null,
    escalation_acknowledged_at: null,
    updated_at: now,
  });
  if (!updated) throw new DomainError(CommonErrors['record.stale']);
  await writeHistory(trx, {
    ticketId: ticket.id,
    actor: input.actor,
    now,
    before: { escalation_level: ticket.escalation_level },
    after: { escalation_level: 0 },
  });
  const actorUserId = input.actor.kind === 'user' ? input.actor.userId : null;
  await recordEvent(trx, ctx.clock, 'ticket.updated', { ticketId: ticket.id, actorUserId, fields: ['escalationLevel'] });
  return updated;
}
