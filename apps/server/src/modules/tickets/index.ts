import { ticketJobs } from './tickets.jobs.ts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerEscalationRoutes } from './escalation.routes.ts';
import { registerQueueRoutes } from './queues.routes.ts';
import { registerTicketSettingsRoutes } from './settings.routes.ts';
import { registerTicketRoutes } from './tickets.routes.ts';
import { registerTicketTimeline } from './timeline.routes.ts';
import { ticketSettings } from './tickets.settings.ts';
import { registerCategoryRoutes } from './categories.routes.ts';

/** The tickets module's public face: what other modules and the composition root may import. */
export { escalateTicket, MAX_ESCALATION_LEVEL, type EscalateInput } from './commands/escalate-ticket.ts';
export { changeStatus } from './status-change.ts';
export { appendArticle, type AppendArticleContext, type AppendArticleInput, type AppendArticleResult } from './commands/append-article.ts';
export { uploadAttachments } from './commands/upload-attachment.ts';
export { addWatcher } from './commands/add-watcher.ts';
export { removeWatcher } from './commands/remove-watcher.ts';
export { relateTickets } from './commands/relate-tickets.ts';
export { unrelateTickets } from './commands/unrelate-tickets.ts';
export { mergeTickets } from './commands/merge-tickets.ts';
export { createCategory } from './commands/create-category.ts';
export { updateCategory } from './commands/update-category.ts';
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

/**
 * Registers every ticket route — core (tickets, history, confirm/reopen), escalation, queues,
 * settings, and the timeline — and returns the module's settings and the pending-until sweep.
 */
export function registerTickets(app: App, ctx: AppContext): Contribution<AppContext> {
  registerTicketRoutes(app, ctx);
  registerEscalationRoutes(app, ctx);
  registerQueueRoutes(app, ctx);
  registerTicketSettingsRoutes(app, ctx);
  registerTicketTimeline(app, ctx);
  registerCategoryRoutes(app, ctx);
  return { module: 'tickets', settings: [ticketSettings], ...ticketJobs(ctx) };
}
