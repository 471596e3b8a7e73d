import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { authorize } from '../../../platform/policy/index.ts';
import type { Db } from '../../../schema.ts';
import { addEventArticle } from '../articles.events.ts';
import { writeHistory, type HistoryValue } from '../history.ts';
import { carryDescription } from '../merge-description.ts';
import { moveMergedContent, ticketsMergedInto } from '../merge.repository.ts';
import type { TimelineCommandContext } from '../ticket-access.ts';
import { MergeRefusals, TicketErrors } from '../tickets.errors.ts';
import { ticketPolicy } from '../tickets.policy.ts';
import { loadTicketAccessForUpdate, updateTicketAtVersion, type TicketRow } from '../tickets.repository.ts';

type Ticket = NonNullable<TicketRow>;

function refuse(reason: keyof typeof MergeRefusals): DomainError {
  return new DomainError(TicketErrors['ticket.invalid_merge'], { reason });
}

async function setColumns(trx: Db, ticket: Ticket, cols: Partial<Ticket>, actor: Actor, now: number): Promise<Ticket> {
  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...cols, updated_at: now });
  await writeHistory(trx, { ticketId: ticket.id, actor, now, before: ticket as unknown as Record<string, HistoryValue>, after: cols as Record<string, HistoryValue> });
  return updated;
}

/**
 * Merges ticket B (`ticketId`) into A (`intoTicketId`): B's articles (keeping
 * original_ticket_id = B), attachments and watchers (deduplicated; B's requester too) move to A;
 * B is closed as merged into A by a direct update — merging is its own lifecycle step, outside
 * the status table; tickets earlier merged into B now point at A, so merges never chain. Both
 * timelines get an event, both histories a row; each ticket takes one version step; records
 * ticket.merged and B's ticket.status_changed.
 * Authorises 'merge' on B (404/403); a target the actor cannot see is 422 like one that does not
 * exist, one they may not merge 403. Refused (409 ticket.invalid_merge): into itself, either
 * ticket already merged or closed. Returns both tickets and what moved.
 */
export const mergeTickets = defineCommand(
  'ticket.merge',
  async (
    ctx: TimelineCommandContext,
    input: { actor: Actor; ticketId: number; intoTicketId: number },
  ): Promise<{ source: Ticket; target: Ticket; moved: { articles: number; attachments: number; watchers: number } }> => {
    const { actor } = input;
    const trx = ctx.db;
    // Lock in id order so that two merges of the same pair cannot deadlock.
    const ids = [...new Set([input.ticketId, input.intoTicketId])].sort((a, b) => a - b);
    const locked = new Map<number, Awaited<ReturnType<typeof loadTicketAccessForUpdate>>>();
    for (const id of ids) locked.set(id, await loadTicketAccessForUpdate(trx, id));
    const sourceAccess = locked.get(input.ticketId);
    authorize(ticketPolicy, actor, 'merge', sourceAccess);
    const targetAccess = locked.get(input.intoTicketId);
    if (!targetAccess || !ticketPolicy.can(actor, 'read', targetAccess)) {
      throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'intoTicketId' });
    }
    authorize(ticketPolicy, actor, 'merge', targetAccess);
    let source = sourceAccess!.row;
    let target = targetAccess.row;
    if (source.id === target.id) throw refuse('self');
    if (source.merged_into_id !== null) throw refuse('source_already_merged');
    if (target.merged_into_id !== null) throw refuse('target_already_merged');
    if (source.status === 'closed') throw refuse('source_closed');
    if (target.status === 'closed') throw refuse('target_closed');

    const now = ctx.clock.now();
    const moved = await moveMergedContent(trx, { source, target, now });
    await carryDescription(trx, ctx.clock, { source, target });

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
    await writeHistory(trx, { ticketId: target.id, actor, now, before: { merged_from: null }, after: { merged_from: source.number } });
    target = bumped;

    await addEventArticle(trx, ctx.clock, {
      ticketId: source.id,
      eventType: 'ticket.merged_into',
      eventData: { ticketId: target.id, number: target.number },
      internal: false,
      actor,
    });
    await addEventArticle(trx, ctx.clock, {
      ticketId: target.id,
      eventType: 'ticket.merged_from',
      eventData: { ticketId: source.id, number: source.number },
      internal: false,
      actor,
    });
    const actorId = actorUserId(actor);
    await recordEvent(trx, ctx.clock, 'ticket.status_changed', { ticketId: source.id, actorUserId: actorId, from, to: 'closed' });
    await recordEvent(trx, ctx.clock, 'ticket.merged', { sourceTicketId: source.id, targetTicketId: target.id, actorUserId: actorId });
    return { source, target, moved };
  },
);
