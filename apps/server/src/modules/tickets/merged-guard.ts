import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { TicketErrors } from './tickets.errors.ts';
import { loadTicketRow, type TicketRow } from './tickets.repository.ts';

/** A merged ticket takes no more work: 409 naming the human number of the ticket the work went to. */
export async function refuseMerged(db: Db, ticket: Pick<NonNullable<TicketRow>, 'merged_into_id'>): Promise<void> {
  if (ticket.merged_into_id === null) return;
  const target = await loadTicketRow(db, ticket.merged_into_id);
  throw new DomainError(TicketErrors['ticket.merged'], { number: target?.number ?? ticket.merged_into_id });
}

/** A closed ticket takes no edits; a merged one points to where the work went (409 either way). */
export async function refuseFinished(db: Db, ticket: Pick<NonNullable<TicketRow>, 'merged_into_id' | 'status'>): Promise<void> {
  await refuseMerged(db, ticket);
  if (ticket.status === 'closed') throw new DomainError(TicketErrors['ticket.closed']);
}
