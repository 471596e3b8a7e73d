import type { CommittedEvent } from '../events/record.ts';
import type { FeedMessage } from './types.ts';

/**
 * The feed message of a committed domain event: the tickets it touched and whether it was internal
 * (a note). Only ticket events are live; the payload's other fields stay in the outbox.
 */
export function ticketMessageOf(committed: CommittedEvent): FeedMessage | null {
  if (!committed.event.startsWith('ticket.')) return null;
  const p = committed.payload as { ticketId?: number; sourceTicketId?: number; targetTicketId?: number; internal?: boolean };
  const ticketIds = [p.ticketId, p.sourceTicketId, p.targetTicketId].filter((id): id is number => typeof id === 'number');
  if (ticketIds.length === 0) return null;
  return { type: 'ticket', eventId: committed.id, event: committed.event, ticketIds, internal: p.internal === true };
}
