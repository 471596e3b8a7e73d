import type { Actor } from '../../platform/actor.ts';
import { actorUserId } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { DomainError } from '../../platform/http/errors.ts';
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
 * outside group resolves goes back to its owner group and agent). Pure: the command that changes
 * the status merges these columns into its one version-checked update.
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
 * The columns of moving `ticket` to `to` for `cause`, refusing a transition the lifecycle does not
 * allow (409 ticket.invalid_transition). Pure: nothing is written.
 */
export function planStatusChange(ticket: Ticket, to: string, cause: TransitionCause, now: number): Partial<Ticket> {
  if (!canTransition(ticket.status, to, cause)) throw new DomainError(TicketErrors['ticket.invalid_transition'], { from: ticket.status, to });
  return statusChangeColumns(ticket, to, now);
}

/**
 * The events of a status change the command has written (`before` → `after`, one update, with the
 * planned `columns`): ticket.status_changed, and ticket.referral_returned when resolving sent it
 * back to its owner group.
 */
export async function recordStatusEvents(
  trx: Db,
  clock: Clock,
  input: { before: Pick<Ticket, 'id' | 'status'>; after: Ticket; actor: Actor; columns: Partial<Ticket>; quiet?: boolean | undefined },
): Promise<void> {
  const { before, after } = input;
  const userId = actorUserId(input.actor);
  await recordEvent(trx, clock, 'ticket.status_changed', { ticketId: before.id, actorUserId: userId, from: before.status, to: after.status, ...(input.quiet ? { quiet: true } : {}) });
  if (after.status === 'resolved' && input.columns.assignee_group_id !== undefined) {
    await recordEvent(trx, clock, 'ticket.referral_returned', {
      ticketId: before.id,
      actorUserId: userId,
      ownerGroupId: after.owner_group_id,
      ownerAgentId: after.owner_agent_id,
    });
  }
}

/** History rows for the columns a command set, before → after (one row per changed field). */
export function historyOf(before: Ticket, after: Ticket, columns: readonly string[]) {
  const b: Record<string, HistoryValue> = {};
  const a: Record<string, HistoryValue> = {};
  for (const k of columns) {
    b[k] = (before as unknown as Record<string, HistoryValue>)[k] ?? null;
    a[k] = (after as unknown as Record<string, HistoryValue>)[k] ?? null;
  }
  return { before: b, after: a };
}

/**
 * A status change that is all a command does (confirm, reopen, the pending sweep, a reply that
 * reopens): plan, one version-checked update with `extra` columns (e.g. first_response_at), history,
 * events. Commands that change more than the status plan with planStatusChange and update once.
 */
export async function changeStatus(
  trx: Db,
  clock: Clock,
  input: { ticket: Ticket; to: string; cause: TransitionCause; actor: Actor; extra?: Partial<Ticket>; quiet?: boolean | undefined },
): Promise<Ticket> {
  const { ticket, actor } = input;
  await refuseMerged(trx, ticket);
  const now = clock.now();
  const planned = planStatusChange(ticket, input.to, input.cause, now);
  const cols: Partial<Ticket> = { ...planned, ...(input.extra ?? {}) };
  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...cols, updated_at: now });
  await writeHistory(trx, { ticketId: ticket.id, actor, now, ...historyOf(ticket, updated, Object.keys(cols)) });
  await recordStatusEvents(trx, clock, { before: ticket, after: updated, actor, columns: planned, quiet: input.quiet });
  return updated;
}
