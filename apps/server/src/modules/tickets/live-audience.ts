import type { TicketAudience } from '../../platform/realtime/index.ts';
import type { Db } from '../../schema.ts';
import { seesInternal, ticketPolicy } from './tickets.policy.ts';
import { loadTicketAccess } from './tickets.repository.ts';

/**
 * Who hears of a ticket live (platform/realtime asks for each subscriber): the ticket as it is now,
 * through the same policy as a read — never the event's payload. Internal changes (notes, presence)
 * only for readers of the desk side.
 */
export function ticketAudience(db: Db): TicketAudience {
  return async (actor, ticketId) => {
    const access = await loadTicketAccess(db, ticketId);
    const read = access !== undefined && ticketPolicy.can(actor, 'read', access);
    return { read, internal: read && seesInternal(actor, access) };
  };
}
