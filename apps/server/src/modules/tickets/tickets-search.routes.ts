import { ErrorEnvelope, TicketPage, TicketSearchBody } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { requireUser } from '../../platform/policy/index.ts';
import type { TicketFilterFields } from './filter/fields.ts';
import { presentTicketSummary } from './tickets.presenter.ts';
import { listTickets, loadRelated } from './tickets.queries.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/**
 * POST /api/v1/tickets/search: the ticket list selected by a filter of the language in the body
 * (saved views, the search box, long filters). The same page as GET /tickets, the same cursors;
 * any signed-in user, who sees only what they may (compileTicketFilter).
 */
export function registerTicketSearchRoutes(app: App, ctx: AppContext, fields: TicketFilterFields): void {
  app.post(
    '/api/v1/tickets/search',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Tickets the caller may see that match a filter of the ticket filter language, one page at a time',
        body: TicketSearchBody,
        response: { 200: TicketPage, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const { filter, sort, limit, cursor } = request.body;
      const page = await listTickets(ctx, actor, filter, { sort, limit, cursor }, fields);
      const related = await loadRelated(ctx.db, page.items);
      return { items: page.items.map((row) => presentTicketSummary(actor, row, related)), nextCursor: page.nextCursor };
    },
  );
}
