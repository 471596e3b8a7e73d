import { ticketJobs } from './tickets.jobs.ts';
export { returnDuePendingTickets, PENDING_BATCH } from './tickets.jobs.ts';
import { orphanBlobSweep } from './attachments.sweep.ts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerEscalationRoutes } from './escalation.routes.ts';
import { extendTicketFilterFields, ticketFilterFields, type TicketFilterFields } from './filter/fields.ts';
import { queueViews, type QueueView } from './queues.ts';
import { registerQueueRoutes } from './queues.routes.ts';
import { registerTicketSettingsRoutes } from './settings.routes.ts';
import { registerTicketRoutes, type TicketQueryCompiler } from './tickets.routes.ts';
import { registerTicketSearchRoutes } from './tickets-search.routes.ts';
import { registerTicketTimeline } from './timeline.routes.ts';
import { registerPresenceRoutes } from './presence.routes.ts';
import { ticketSettings } from './tickets.settings.ts';
import { registerCategoryRoutes } from './categories.routes.ts';

/** The tickets module's public face: what other modules and the composition root may import. */
export { createTicket, type CreateTicketInput, type CreateTicketResult } from './commands/create-ticket.ts';
export { updateTicket, type UpdateTicketInput } from './commands/update-ticket.ts';
export { changePriorityMatrix } from './commands/change-priority-matrix.ts';
export { confirmTicket } from './commands/confirm-ticket.ts';
export { reopenTicket } from './commands/reopen-ticket.ts';
export { reopenClosedByMail } from './commands/reopen-closed-by-mail.ts';
export { mayReopenClosed } from './reopen-window.ts';
export { escalateTicket, MAX_ESCALATION_LEVEL, type EscalateInput } from './commands/escalate-ticket.ts';
export { acknowledgeEscalation } from './commands/acknowledge-escalation.ts';
export { deescalateTicket } from './commands/deescalate-ticket.ts';
export type { TicketView, TicketCommandContext } from './ticket-view.ts';
export { appendArticle, type AppendArticleContext, type AppendArticleInput, type AppendArticleResult } from './commands/append-article.ts';
export { uploadAttachments } from './commands/upload-attachment.ts';
export { addWatcher } from './commands/add-watcher.ts';
export { removeWatcher } from './commands/remove-watcher.ts';
export { relateTickets } from './commands/relate-tickets.ts';
export { unrelateTickets } from './commands/unrelate-tickets.ts';
export { mergeTickets } from './commands/merge-tickets.ts';
export { createCategory } from './commands/create-category.ts';
export { updateCategory } from './commands/update-category.ts';
export { BUILTIN_QUEUE_VIEWS, type QueueView } from './queues.ts';
export { ROLE_QUEUE_VIEWS } from './role-queues.ts';
export { compileTicketFilter, type TicketWhere } from './filter/ticket-filter.repository.ts';
export { checkTicketFilter } from './filter/check.ts';
export { ticketFilterFields, type TicketFilterField, type TicketFilterFields } from './filter/fields.ts';
export type { TicketFilterContext } from './filter/plan.ts';
export { ticketPolicy, visibleTickets, seesInternal, type TicketAccess, type TicketAction } from './tickets.policy.ts';
export { ticketAudience } from './live-audience.ts';
export {
  loadTicketAccess,
  loadTicketForUpdate,
  loadTicketRow,
  ticketIdsByNumber,
  ticketNotificationFacts,
  contactWatchersOf,
  articleFacts,
  publicAttachmentsOfArticle,
  type ArticleFacts,
  type TicketRow,
  type TicketNotificationFacts,
} from './tickets.repository.ts';
export { TicketErrors } from './tickets.errors.ts';
export { ticketMergeMover } from './people-merge.ts';
export type { TicketQueryCompiler } from './tickets.routes.ts';
export {
  ticketSearchSources,
  ticketIdsAfter,
  ticketCount,
  ticketIdsOfRequesters,
  ticketMatches,
  recentTicketsMatching,
  ticketCreatedAt,
  type TicketSearchSource,
} from './search-sources.repository.ts';
export { STATUSES as TICKET_STATUSES, OPEN_STATUSES } from './lifecycle.ts';
export { openTicketCountsOfAgents, unassignedOpenTicketIds } from './workload.repository.ts';
export { importTickets, importEscalations, type ImportedTicket, type ImportedArticle, type ImportedChange, type ImportedEscalation } from './bulk-import.ts';
export { stageUpload, type StagedUpload } from './attachments.staging.ts';
export { contentDisposition, DOWNLOAD_CSP } from './attachments.content-type.ts';
export { ticketSettings } from './tickets.settings.ts';
export { ticketSlaFacts, applySlaStates, importSlaStates, type TicketSlaFacts, type SlaState } from './sla-state.ts';
export { idsMatching as ticketIdsMatching, openTicketIdsAfter, openTicketIdsAfterQuery, ticketIdsOfOrganizationCreated, slaColumnsUpdate, ticketsWithSlaEventDue, ticketsWithSlaEventDueQuery, resolvedTicketsBefore } from './sla-state.repository.ts';

/** What other modules add to tickets at registration: queue views (SLA) and filter fields (later issues). */
export interface TicketsOptions {
  queueViews?: readonly QueueView[];
  /** Extra fields of the filter language (search's `text`). */
  filterFields?: TicketFilterFields;
  /** The list's `q` parameter: the search query language compiled into a filter (search's). */
  compileQuery?: TicketQueryCompiler;
  /** Blobs other modules keep in the same storage (email's raw messages): the orphan sweep leaves them. */
  blobReferences?: ReadonlyArray<(db: AppContext['db'], sha256s: readonly string[]) => Promise<Set<string>>>;
}

/**
 * Registers every ticket route — core (tickets, history, confirm/reopen), search, escalation, queues
 * (built-in views then other modules'), settings, the timeline and categories — and returns the
 * module's settings, the pending-until sweep and the orphan-blob sweep.
 */
export function registerTickets(app: App, ctx: AppContext, options: TicketsOptions = {}): Contribution<AppContext> {
  const filterFields = extendTicketFilterFields(ticketFilterFields, options.filterFields);
  registerTicketRoutes(app, ctx, filterFields, options.compileQuery);
  registerTicketSearchRoutes(app, ctx, filterFields);
  registerEscalationRoutes(app, ctx);
  registerQueueRoutes(app, ctx, queueViews(options.queueViews ?? [], filterFields), filterFields);
  registerTicketSettingsRoutes(app, ctx);
  registerTicketTimeline(app, ctx);
  registerPresenceRoutes(app, ctx);
  registerCategoryRoutes(app, ctx);
  const jobs = ticketJobs(ctx);
  const blobs = orphanBlobSweep(ctx, options.blobReferences);
  return { module: 'tickets', settings: [ticketSettings], jobs: [...(jobs.jobs ?? []), ...blobs.jobs], schedules: [...(jobs.schedules ?? []), ...blobs.schedules] };
}
