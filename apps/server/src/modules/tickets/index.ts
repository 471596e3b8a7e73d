import { registerTicketJobs } from './tickets.jobs.ts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { registerEscalationRoutes } from './escalation.routes.ts';
import { registerQueueRoutes } from './queues.routes.ts';
import { registerTicketSettingsRoutes } from './settings.routes.ts';
import { registerTicketRoutes } from './tickets.routes.ts';
import { registerTicketTimeline } from './timeline.routes.ts';

/** The tickets module's public face: what other modules and the composition root may import. */
export { createTicket, type CreateTicketInput, type CreateTicketResult } from './commands/create-ticket.ts';
export { updateTicket, type UpdateTicketInput } from './commands/update-ticket.ts';
export { confirmTicket } from './commands/confirm-ticket.ts';
export { reopenTicket } from './commands/reopen-ticket.ts';
export { escalateTicket, MAX_ESCALATION_LEVEL, type EscalateInput } from './commands/escalate-ticket.ts';
export { acknowledgeEscalation } from './commands/acknowledge-escalation.ts';
export { deescalateTicket } from './commands/deescalate-ticket.ts';
export type { TicketView, TicketCommandContext } from './ticket-view.ts';
export { changeStatus } from './status-change.ts';
export { QUEUE_VIEWS, type QueueView, type QueueContext } from './queues.ts';
export { ticketPolicy, visibleTickets, seesInternal, type TicketAccess, type TicketAction } from './tickets.policy.ts';
export {
  loadTicketAccess,
  loadTicketForUpdate,
  loadTicketRow,
  ticketNotificationFacts,
  type TicketRow,
  type TicketNotificationFacts,
} from './tickets.repository.ts';
export { TicketErrors } from './tickets.errors.ts';
export { ticketSettings } from './tickets.settings.ts';

/** Registers every ticket route: core (tickets, history, confirm/reopen), escalation, queues, settings, and the timeline. */
export function registerTickets(app: App, ctx: AppContext): void {
  registerTicketJobs(ctx);
  registerTicketRoutes(app, ctx);
  registerEscalationRoutes(app, ctx);
  registerQueueRoutes(app, ctx);
  registerTicketSettingsRoutes(app, ctx);
  registerTicketTimeline(app, ctx);
}
