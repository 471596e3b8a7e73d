import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { addEventArticle } from './articles.events.ts';

/**
 * Tells a relation added or removed in both tickets' timelines, as desk-only events (the other
 * ticket may be one a contact does not see): the relation's id and kind, which side this ticket
 * is on, and the other ticket's id (its number is rendered at read time, for readers who see it).
 */
export async function tellRelation(
  trx: Db,
  clock: Clock,
  input: { eventType: 'ticket.related' | 'ticket.unrelated'; relationId: number; kind: string; sourceId: number; targetId: number; actor: Actor },
): Promise<void> {
  const sides = [
    { ticketId: input.sourceId, other: input.targetId, direction: 'outgoing' },
    { ticketId: input.targetId, other: input.sourceId, direction: 'incoming' },
  ];
  for (const side of sides) {
    await addEventArticle(trx, clock, {
      ticketId: side.ticketId,
      eventType: input.eventType,
      eventData: { relationId: input.relationId, kind: input.kind, direction: side.direction, ticketId: side.other },
      internal: true,
      actor: input.actor,
    });
  }
}
