import { actorUserId, type Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { recordEvent } from '../../platform/events/record.ts';
import type { Db } from '../../schema.ts';
import { insertArticle } from './articles.repository.ts';

/**
 * Adds a system event to a ticket's timeline ("merged into #10002", "escalated to the
 * supervisors") inside the caller's transaction, for any command that wants the customer or the
 * desk to see what happened — a step of that command, not a use-case of its own (the command has
 * authorised). `internal` events are shown to the desk only. The event names the person whose
 * action caused it when there is one. Records ticket.article_added — unless `announce` is false:
 * the story of a change (timeline-story.ts) whose own event (ticket.status_changed,
 * ticket.assigned, …) already tells subscribers. Returns the article id.
 */
export async function addEventArticle(
  trx: Db,
  clock: Clock,
  input: { ticketId: number; eventType: string; eventData: Record<string, unknown>; internal: boolean; actor?: Actor; announce?: boolean },
): Promise<number> {
  const actor = input.actor;
  const userId = actor ? actorUserId(actor) : null;
  const row = await insertArticle(trx, {
    ticket_id: input.ticketId,
    kind: 'event',
    internal: input.internal ? 1 : 0,
    channel: 'agent',
    author_user_id: userId,
    author_system: actor?.kind === 'system' ? actor.name : 'system',
    author_kind: 'system',
    author_contact_id: null,
    body: '',
    raw_body: null,
    event_type: input.eventType,
    event_data: JSON.stringify(input.eventData),
    created_at: clock.now(),
  });
  if (input.announce !== false) await recordEvent(trx, clock, 'ticket.article_added', { ticketId: input.ticketId, articleId: row.id, kind: 'event', internal: input.internal, actorUserId: userId });
  return row.id;
}
