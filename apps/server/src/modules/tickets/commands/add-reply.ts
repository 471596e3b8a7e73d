import type { UserActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { insertArticle, touchTicket } from '../articles.repository.ts';
import { claimAttachments, lockLanding } from '../article-landing.ts';
import { writeHistory, type HistoryValue } from '../history.ts';
import { writesAsAgent, type LandingAccess } from '../ticket-access.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { updateTicketAtVersion, type TicketRow } from '../tickets.repository.ts';
import { changeStatus } from '../status-change.ts';

type Ticket = NonNullable<TicketRow>;

/**
 * A public reply (DESIGN.md lifecycle), in one transaction:
 * - by the desk (channel 'agent'): the first one sets first_response_at; on a new ticket it opens it;
 * - by a customer participant (channel 'portal'): on pending_customer or resolved it reopens the
 *   ticket (cause 'customer'). A closed ticket refuses every public reply (409 — only inbound mail
 *   reopens those; a follow-up ticket is the way to write again).
 * Records ticket.article_added. The caller has authorised 'reply' on the landing ticket.
 */
export async function addReply(
  deps: { db: Db; clock: Clock },
  input: { actor: UserActor; access: LandingAccess; body: string; attachmentIds: readonly number[] },
): Promise<{ articleId: number; ticket: Ticket }> {
  const { actor } = input;
  const asAgent = writesAsAgent(actor, input.access);
  return transaction(deps.db, async (trx) => {
    let ticket = await lockLanding(trx, input.access, asAgent);
    // A closed ticket is final for public replies, the desk's too (an internal note is still allowed).
    if (ticket.status === 'closed') throw new DomainError(TicketErrors['ticket.closed']);
    const now = deps.clock.now();
    const articleId = await insertArticle(trx, {
      ticket_id: ticket.id,
      kind: 'reply',
      internal: 0,
      channel: asAgent ? 'agent' : 'portal',
      author_user_id: actor.userId,
      author_system: null,
      author_kind: asAgent ? 'agent' : 'contact',
      body: input.body,
      event_type: null,
      event_data: null,
      created_at: now,
    });
    await claimAttachments(trx, { ticketId: ticket.id, userId: actor.userId, articleId, ids: input.attachmentIds, internalArticle: false });

    if (asAgent) {
      const extra: Partial<Ticket> = ticket.first_response_at === null ? { first_response_at: now } : {};
      if (ticket.status === 'new') {
        ticket = await changeStatus(trx, deps.clock, { ticket, to: 'open', cause: 'agent', actor, extra });
      } else if (extra.first_response_at !== undefined) {
        const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...extra, updated_at: now });
        if (!updated) throw new DomainError(CommonErrors['record.stale']);
        await writeHistory(trx, { ticketId: ticket.id, actor, now, before: { first_response_at: null }, after: { first_response_at: now } as Record<string, HistoryValue> });
        ticket = updated;
      } else {
        await touchTicket(trx, ticket.id, now);
      }
    } else if (ticket.status === 'pending_customer' || ticket.status === 'resolved') {
      ticket = await changeStatus(trx, deps.clock, { ticket, to: 'open', cause: 'customer', actor });
    } else {
      await touchTicket(trx, ticket.id, now);
    }

    await recordEvent(trx, deps.clock, 'ticket.article_added', { ticketId: ticket.id, articleId, kind: 'reply', internal: false, actorUserId: actor.userId });
    return { articleId, ticket };
  });
}
