import type { UserActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { writeHistory, type HistoryValue } from '../history.ts';
import { moveMergedContent, ticketsMergedInto } from '../merge.repository.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { loadTicketForUpdate, updateTicketAtVersion, type TicketRow } from '../tickets.repository.ts';
import { addEventArticle } from '../articles.events.ts';

type Ticket = NonNullable<TicketRow>;

function refuse(reason: string): DomainError {
  return new DomainError(TicketErrors['ticket.invalid_merge'], { reason });
}

async function setColumns(trx: Db, ticket: Ticket, cols: Partial<Ticket>, actor: UserActor, now: number): Promise<Ticket> {
  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...cols, updated_at: now });
  if (!updated) throw new DomainError(CommonErrors['record.stale']);
  await writeHistory(trx, { ticketId: ticket.id, actor, now, before: ticket as unknown as Record<string, HistoryValue>, after: cols as Record<string, HistoryValue> });
  return updated;
}

/**
 * Merges ticket B (`sourceId`) into A (`targetId`) in one transaction: B's articles (keeping
 * original_ticket_id = B), attachments and watchers (deduplicated; B's requester too) move to A;
 * B is closed as merged into A by a direct update — merging is its own lifecycle step, outside
 * the status table; tickets earlier merged into B now point at A, so merges never chain. Both
 * timelines get an event, both histories a row; records ticket.merged and B's ticket.status_changed.
 * Refused (409 ticket.invalid_merge): into itself, either ticket already merged or closed.
 * The caller has authorised 'merge' on both.
 */
export async function mergeTickets(
  deps: { db: Db; clock: Clock },
  input: { actor: UserActor; sourceId: number; targetId: number },
): Promise<{ source: Ticket; target: Ticket; moved: { articles: number; attachments: number; watchers: number } }> {
  const { actor } = input;
  if (input.sourceId === input.targetId) throw refuse('self');
  return transaction(deps.db, async (trx) => {
    // Lock in id order so that two merges of the same pair cannot deadlock.
    const [first, second] = input.sourceId < input.targetId ? [input.sourceId, input.targetId] : [input.targetId, input.sourceId];
    const locked = new Map<number, Ticket>();
    for (const id of [first, second]) {
      const row = await loadTicketForUpdate(trx, id);
      if (!row) throw new DomainError(CommonErrors['record.not_found'], { entity: 'ticket' });
      locked.set(id, row);
    }
    let source = locked.get(input.sourceId)!;
    let target = locked.get(input.targetId)!;
    if (source.merged_into_id !== null) throw refuse('source_already_merged');
    if (target.merged_into_id !== null) throw refuse('target_already_merged');
    if (source.status === 'closed') throw refuse('source_closed');
    if (target.status === 'closed') throw refuse('target_closed');

    const now = deps.clock.now();
    const moved = await moveMergedContent(trx, { source, target, now });

    for (const earlier of await ticketsMergedInto(trx, source.id)) {
      await setColumns(trx, earlier, { merged_into_id: target.id }, actor, now);
    }

    const from = source.status;
    source = await setColumns(
      trx,
      source,
      { status: 'closed', merged_into_id: target.id, closed_at: now, pending_until: null, escalation_level: 0, escalated_at: null, escalation_acknowledged_at: null },
      actor,
      now,
    );
    const bumped = await updateTicketAtVersion(trx, target.id, target.version, { updated_at: now });
    if (!bumped) throw new DomainError(CommonErrors['record.stale']);
    await writeHistory(trx, { ticketId: target.id, actor, now, before: { merged_from: null }, after: { merged_from: source.number } });
    target = bumped;

    await addEventArticle(trx, deps.clock, {
      ticketId: source.id,
      eventType: 'ticket.merged_into',
      eventData: { ticketId: target.id, number: target.number },
      internal: false,
      actor,
    });
    await addEventArticle(trx, deps.clock, {
      ticketId: target.id,
      eventType: 'ticket.merged_from',
      eventData: { ticketId: source.id, number: source.number },
      internal: false,
      actor,
    });
    await recordEvent(trx, deps.clock, 'ticket.status_changed', { ticketId: source.id, actorUserId: actor.userId, from, to: 'closed' });
    await recordEvent(trx, deps.clock, 'ticket.merged', { sourceTicketId: source.id, targetTicketId: target.id, actorUserId: actor.userId });
    return { source, target, moved };
  });
}
