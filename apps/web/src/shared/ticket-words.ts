import type { TICKET_STATUSES } from '@pishkhan/contracts';

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'];
export const PRIORITIES = [1, 2, 3, 4] as const;
export const LEVELS = [1, 2, 3] as const;
export const TYPES = ['incident', 'service_request'] as const;
