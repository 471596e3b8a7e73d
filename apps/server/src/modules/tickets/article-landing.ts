import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { linkAttachments, loadLinkableAttachments, touchTicket } from './articles.repository.ts';
import { writeHistory } from './history.ts';
import { changeStatus } from './status-change.ts';
import { updateTicketAtVersion, type TicketRow } from './tickets.repository.ts';

/**
 * Rules of writing on the ticket an article lands on (ticket-access authorizeLanding locks it):
 * claiming the article's uploads, and what a reply or a note does to the ticket.
 */

type Ticket = NonNullable<TicketRow>;

/**
 * Links the given uploads to a new article. Each must have been uploaded to this ticket by this
 * user (by a channel without a sign-in: userId null) and not yet be linked; a public reply may
 * not carry an internal attachment (422 otherwise); a note's attachments become internal.
 */
export async function claimAttachments(
  trx: Db,
  input: { ticketId: number; userId: number | null; articleId: number; ids: readonly number[]; internalArticle: boolean },
): Promise<void> {
  if (input.ids.length === 0) return;
  const found = await loadLinkableAttachments(trx, input);
  if (found.length !== new Set(input.ids).size || (!input.internalArticle && found.some((a) => a.internal === 1))) {
    throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'attachmentIds' });
  }
  await linkAttachments(trx, input.articleId, input.ids, input.internalArticle);
}

/**
 * What a public reply does (DESIGN.md lifecycle), as one version step at most:
 * - by the desk: the first one sets first_response_at; on a new ticket it also opens it;
 * - by a customer (a contact, or a channel on behalf of one): on pending_customer or resolved it
 *   reopens the ticket (cause 'customer');
 * - otherwise the ticket is only touched (no field changed, no version step).
 * A closed ticket never gets here (ticket-access refuses public replies to it).
 */
export async function afterReply(
  trx: Db,
  clock: Clock,
  input: { ticket: Ticket; actor: Actor; asAgent: boolean; fromContact: boolean; now: number },
): Promise<Ticket> {
  const { ticket, actor, now } = input;
  if (input.asAgent) {
    const extra: Partial<Ticket> = ticket.first_response_at === null ? { first_response_at: now } : {};
    if (ticket.status === 'new') return changeStatus(trx, clock, { ticket, to: 'open', cause: 'agent', actor, extra });
    if (extra.first_response_at !== undefined) {
      const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...extra, updated_at: now });
      await writeHistory(trx, { ticketId: ticket.id, actor, now, before: { first_response_at: null }, after: { first_response_at: now } });
      return updated;
    }
  } else if (input.fromContact && (ticket.status === 'pending_customer' || ticket.status === 'resolved')) {
    return changeStatus(trx, clock, { ticket, to: 'open', cause: 'customer', actor });
  }
  return afterNote(trx, { ticket, now });
}

/**
 * An internal note changes no status and is no first response: the ticket is only touched — except
 * a third party's answer (mail out to a supplier, answered), which reopens a ticket waiting on
 * that third party (cause 'third_party').
 */
export async function afterNote(trx: Db, input: { ticket: Ticket; now: number; thirdPartyAnswer?: { actor: Actor; clock: Clock } | undefined }): Promise<Ticket> {
  if (input.thirdPartyAnswer && input.ticket.status === 'pending_third_party') {
    return changeStatus(trx, input.thirdPartyAnswer.clock, { ticket: input.ticket, to: 'open', cause: 'third_party', actor: input.thirdPartyAnswer.actor });
  }
  await touchTicket(trx, input.ticket.id, input.now);
  return { ...input.ticket, updated_at: input.now };
}
