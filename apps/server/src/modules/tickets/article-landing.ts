import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { linkAttachments, loadLinkableAttachments } from './articles.repository.ts';
import { refuseMerged } from './merged-guard.ts';
import type { LandingAccess } from './ticket-access.ts';
import { TicketErrors } from './tickets.errors.ts';
import { loadTicketForUpdate, type TicketRow } from './tickets.repository.ts';

/** Rules of writing on the ticket an article lands on: locking it, and claiming the article's uploads. */

type Ticket = NonNullable<TicketRow>;

/**
 * Links the given uploads to a new article. Each must have been uploaded to this ticket by this
 * user and not yet be linked; a public reply may not carry an internal attachment (422 otherwise);
 * a note's attachments become internal.
 */
export async function claimAttachments(
  trx: Db,
  input: { ticketId: number; userId: number; articleId: number; ids: readonly number[]; internalArticle: boolean },
): Promise<void> {
  if (input.ids.length === 0) return;
  const found = await loadLinkableAttachments(trx, input);
  if (found.length !== new Set(input.ids).size || (!input.internalArticle && found.some((a) => a.internal === 1))) {
    throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'attachmentIds' });
  }
  await linkAttachments(trx, input.articleId, input.ids, input.internalArticle);
}

/** Re-reads the ticket under its row lock and refuses it if a merge or a close got there first. */
export async function lockLanding(trx: Db, access: LandingAccess, asAgent: boolean): Promise<Ticket> {
  const ticket = await loadTicketForUpdate(trx, access.id);
  if (!ticket) throw new DomainError(CommonErrors['record.not_found'], { entity: 'ticket' });
  await refuseMerged(trx, ticket);
  if (!asAgent && ticket.status === 'closed') throw new DomainError(TicketErrors['ticket.closed']);
  return ticket;
}
