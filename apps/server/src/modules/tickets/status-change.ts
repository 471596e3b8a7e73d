import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { writeHistory, type HistoryValue } from './history.ts';
import { canTransition, isPending, type TransitionCause } from './lifecycle.ts';
import { TicketErrors } from './tickets.errors.ts';
import { refuseMerged } from './merged-guard.ts';
import { updateTicketAtVersion, type TicketRow } from './tickets.repository.ts';

type Ticket = NonNullable<TicketRow>;

/**
 * The column changes a status change implies — the one place lifecycle side effects live:
 * resolved/closed timestamps, clearing pending-until, and the referral return (a ticket an
 * outside group resolves goes back to its owner group and agent).
 */
export function statusChangeColumns(ticket: Ticket, to: string, now: number): Partial<Ticket> {
  const cols: Partial<Ticket> = { status: to };
  if (!isPending(to)) cols.pending_until = null;
  if (to === 'resolved') {
    cols.resolved_at = now;
    if (ticket.owner_group_id !== null && ticket.assignee_group_id !== ticket.owner_group_id) {
      cols.assignee_group_id = ticket.owner_group_id;
      cols.assignee_agent_id = ticket.owner_agent_id;
    }
    cols.escalation_level = 0;
    cols.escalated_at = null;
    cols.escalation_acknowledged_at = null;
  }
  if (to === 'closed') cols.closed_at = now;
  if (to === 'open' && (ticket.status === 'resolved' || ticket.status === 'closed')) {
    cols.resolved_at = null;
    cols.closed_at = null;
  }
  return cols;
}

/**
 * Moves a ticket to another status inside the caller's transaction, refusing transitions the
 * lifecycle does not allow for this cause (409 ticket.invalid_transition). Writes history,
 * bumps the version, and records ticket.status_changed (and ticket.referral_returned).
 * `extra` columns (e.g. pending_until) are applied and historied in the same update.
 */
export async function changeStatus(
  trx: Db,
  clock: Clock,
  input: { ticket: Ticket; to: string; cause: TransitionCause; actor: Actor; extra?: Partial<Ticket> },
): Promise<Ticket> {
  const { ticket, to, actor } = input;
  await refuseMerged(trx, ticket);
  if (!canTransition(ticket.status, to, input.cause)) {
    throw new DomainError(TicketErrors['ticket.invalid_transition'], { from: ticket.status, to });
  }
  const now = clock.now();
  const cols: Partial<Ticket> = { ...statusChangeColumns(ticket, to, now), ...(input.extra ?? {}) };
  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...cols, updated_at: now });
  if (!updated) throw new DomainError(CommonErrors['record.stale']);
  await writeHistory(trx, {
    ticketId: ticket.id,
    actor,
    now,
    before: ticket as unknown as Record<string, HistoryValue>,
    after: pick(updated, Object.keys(cols)),
  });
  const actorUserId = actor.kind === 'user' ? actor.userId : null;
  await recordEvent(trx, clock, 'ticket.status_changed', { ticketId: ticket.id, actorUserId, from: ticket.status, to });
  if (to === 'resolved' && cols.assignee_group_id !== undefined && cols.assignee_group_id !== ticket.assignee_group_id) {
    await recordEvent(trx, clock, 'ticket.referral_returned', {
      ticketId: ticket.id,
      actorUserId,
      ownerGroupId: updated.owner_group_id,
      ownerAgentId: updated.owner_agent_id,
    });
  }
  return updated;
}

function pick(row: Ticket, keys: string[]): Record<string, HistoryValue> {
  const out: Record<string, HistoryValue> = {};
  for (const k of keys) out[k] = (row as unknown as Record<string, HistoryValue>)[k] ?? null;
  return out;
}
