import type { TicketCommandContext } from '../tickets/index.ts';

/** What the duty commands need: the database (or the caller's transaction) and the clock; auto-assign calls tickets' commands with it. */
export type DutyContext = TicketCommandContext;
