import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import type { Contribution } from '../../platform/modules.ts';
import { searchJobs } from './search.jobs.ts';
import { registerSearchRoutes } from './search.routes.ts';

/** The search module's public face. */
export { indexTickets, indexContacts, indexOrganizations, ticketDocuments } from './indexing.ts';
export { searchFilterFields, compileTicketQuery } from './text-field.ts';
export { startRebuild } from './commands/start-rebuild.ts';
export { parseQuery, formatQuery, QueryParseError, type ParsedQuery, type QueryNode } from './query-language.ts';
export { SearchErrors } from './search.errors.ts';

/**
 * Registers GET /api/v1/search, GET /api/v1/tickets/:id/similar and the rebuild routes, and
 * contributes the index jobs subscribed to ticket, contact and organisation events. The `text`
 * filter field and the list's `q` go to registerTickets (searchFilterFields, compileTicketQuery).
 */
export function registerSearch(app: App, ctx: AppContext): Contribution<AppContext> {
  registerSearchRoutes(app, ctx);
  return { module: 'search', ...searchJobs(ctx) };
}
