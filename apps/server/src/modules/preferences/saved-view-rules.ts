import { checkTicketFilter, ticketFilterFields } from '../tickets/index.ts';
import type { TicketFilter } from '@pishkhan/contracts';

/** A user keeps at most this many views (the sidebar lists them all). */
export const MAX_SAVED_VIEWS = 100;

/** A saved filter is checked by the tickets module's own field table, as the list would check it. */
export function checkedFilter(filter: unknown): string {
  return JSON.stringify(checkTicketFilter(filter, ticketFilterFields) satisfies TicketFilter);
}
