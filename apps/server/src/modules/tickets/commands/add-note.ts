import type { UserActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import type { Db } from '../../../schema.ts';
import { insertArticle, touchTicket } from '../articles.repository.ts';
import type { LandingAccess } from '../ticket-access.ts';
import type { TicketRow } from '../tickets.repository.ts';
import { claimAttachments, lockLanding } from '../article-landing.ts';

/**
 * An internal note by the desk: never shown to contacts, never in an event payload (the event
 * says only that a note was added). Changes no status and is not a first response.
 * The caller has authorised 'note' on the landing ticket.
 */
export async function addNote(
  deps: { db: Db; clock: Clock },
  input: { actor: UserActor; access: LandingAccess; body: string; attachmentIds: readonly number[] },
): Promise<{ articleId: number; ticket: NonNullable<TicketRow> }> {
  const { actor } = input;
  return transaction(deps.db, async (trx) => {
    const ticket = await lockLanding(trx, input.access, true);
    const now = deps.clock.now();
    const articleId = await insertArticle(trx, {
      ticket_id: ticket.id,
      kind: 'note',
      internal: 1,
      channel: 'agent',
      author_user_id: actor.userId,
      author_system: null,
      author_kind: 'agent',
      body: input.body,
      event_type: null,
      event_data: null,
      created_at: now,
    });
    await claimAttachments(trx, { ticketId: ticket.id, userId: actor.userId, articleId, ids: input.attachmentIds, internalArticle: true });
    await touchTicket(trx, ticket.id, now);
    await recordEvent(trx, deps.clock, 'ticket.article_added', { ticketId: ticket.id, articleId, kind: 'note', internal: true, actorUserId: actor.userId });
    return { articleId, ticket: { ...ticket, updated_at: now } };
  });
}
