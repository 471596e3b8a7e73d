import type { Actor } from '../../platform/actor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { TicketErrors } from './tickets.errors.ts';
import { ticketPolicy, type TicketAction, type TicketAccess } from './tickets.policy.ts';
import { loadTicketAccess, type TicketRow } from './tickets.repository.ts';
import { authorize } from '../../platform/policy/index.ts';

/** Merges never chain (merge-tickets flattens them); the bound only protects against bad data. */
const MAX_HOPS = 8;

/**
 * The ticket that receives whatever is addressed to `ticketId`: itself, or — once it was merged —
 * the ticket it was merged into. Undefined when no such ticket exists.
 */
export async function resolveMergeTarget(db: Db, ticketId: number): Promise<number | undefined> {
  let id = ticketId;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const row = await db.selectFrom('tickets').select(['id', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    if (row.merged_into_id === null) return row.id;
    id = row.merged_into_id;
  }
  return id;
}

export type LandingAccess = TicketAccess & { row: NonNullable<TicketRow> };

/** Loads a ticket with its policy facts and authorises `action` on it (404 unseen, 403 not allowed). */
export async function authorizeTicket(db: Db, actor: Actor, action: TicketAction | 'read', ticketId: number): Promise<LandingAccess> {
  return authorize(ticketPolicy, actor, action, await loadTicketAccess(db, ticketId)) as LandingAccess;
}

/**
 * Authorises a write addressed to a ticket that lands where the merge rule sends it (replies,
 * notes, attachments): the checks apply to the landing ticket. A customer writing to a closed
 * ticket gets 409 ticket.closed (closed tickets reopen only by inbound mail), not 403.
 */
export async function authorizeLanding(db: Db, actor: Actor, action: TicketAction, ticketId: number): Promise<LandingAccess> {
  // Most tickets are not merged: read the addressed one, and follow the merge only when it was.
  let access = await loadTicketAccess(db, ticketId);
  if (access && access.row.merged_into_id !== null) {
    const landingId = await resolveMergeTarget(db, access.row.merged_into_id);
    access = landingId === undefined ? undefined : await loadTicketAccess(db, landingId);
  }
  const visible = authorize(ticketPolicy, actor, 'read', access) as LandingAccess;
  // Only for someone who could write here were it open: everyone else gets the plain 403 below.
  const closedToCustomer =
    (action === 'reply' || action === 'attach') &&
    visible.status === 'closed' &&
    !writesAsAgent(actor, visible) &&
    ticketPolicy.can(actor, action, { ...visible, status: 'open' });
  if (closedToCustomer) throw new DomainError(TicketErrors['ticket.closed']);
  return authorize(ticketPolicy, actor, action, visible) as LandingAccess;
}

/** Whether the actor writes on this ticket as the desk (agent reply, channel 'agent') rather than as a customer. */
export function writesAsAgent(actor: Actor, access: TicketAccess): boolean {
  return actor.kind === 'user' && actor.agent !== null && ticketPolicy.can(actor, 'note', access);
}
