import type { Clock } from '../../platform/clock/index.ts';
import { recordEvent } from '../../platform/events/record.ts';
import type { Db } from '../../schema.ts';
import { insertArticle } from './articles.repository.ts';
import type { TicketRow } from './tickets.repository.ts';

type Ticket = NonNullable<TicketRow>;

/** Channels through which the requester writes the description themselves. */
const CUSTOMER_CHANNELS = new Set(['portal', 'email', 'sms']);

/**
 * A merge carries the source ticket's description into the target as an article, so nothing the
 * customer wrote disappears from view: public when the source had a requester (they saw it
 * there), a desk note otherwise. Written by the requester when they opened it through a customer
 * channel, else by whoever created it; dated when it was written, marked as coming from the source.
 */
export async function carryDescription(trx: Db, clock: Clock, input: { source: Ticket; target: Ticket }): Promise<void> {
  const { source, target } = input;
  if (source.description.trim() === '') return;
  const isPublic = source.requester_contact_id !== null;
  const byRequester = isPublic && (CUSTOMER_CHANNELS.has(source.channel) || source.created_by_user_id === null);
  const row = await insertArticle(trx, {
    ticket_id: target.id,
    kind: isPublic ? 'reply' : 'note',
    internal: isPublic ? 0 : 1,
    channel: source.channel,
    author_user_id: source.created_by_user_id,
    author_system: source.created_by_user_id === null && !byRequester ? 'system' : null,
    author_kind: byRequester ? 'contact' : source.created_by_user_id === null ? 'system' : 'agent',
    author_contact_id: byRequester ? source.requester_contact_id : null,
    body: source.description,
    raw_body: null,
    event_type: null,
    event_data: null,
    original_ticket_id: source.id,
    created_at: source.created_at,
  });
  await recordEvent(trx, clock, 'ticket.article_added', {
    ticketId: target.id,
    articleId: row.id,
    kind: row.kind as 'reply' | 'note',
    internal: !isPublic,
    actorUserId: null,
  });
}
