import { ErrorEnvelope, QueueList, QueueParams, QueueTicketsQuery, TicketPage } from '@pishkhan/contracts';
import type { UserActor } from '../../platform/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { ticketFilterFields, type TicketFilterFields } from './filter/fields.ts';
import { QUEUE_COUNT_CAP, QUEUE_DEFAULT_SORT, queueFilter, viewShownTo, type QueueView } from './queues.ts';
import { presentTicketSummary } from './tickets.presenter.ts';
import { ticketDeskPolicy, TICKET_DESK } from './tickets.policy.ts';
import { countTickets, listTickets, loadRelated } from './tickets.queries.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const tags = ['queues'];

/**
 * The agent workspace's named views (`views`: queues.ts queueViews, built at registration) with
 * counts, and their tickets page by page. Agents only. A count is exact up to QUEUE_COUNT_CAP and
 * `capped` past it (ADR 0027): each view's count reads at most that many matches.
 */
export function registerQueueRoutes(app: App, ctx: AppContext, views: readonly QueueView[], fields: TicketFilterFields = ticketFilterFields): void {
  const agentOf = (actor: UserActor) => {
    authorize(ticketDeskPolicy, actor, 'queues', TICKET_DESK);
    return actor.agent!;
  };

  app.get(
    '/api/v1/queues',
    { schema: { tags, summary: 'Every queue view with its count for the caller (exact up to 1,000, then capped)', response: { 200: QueueList, ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const agent = agentOf(actor);
      const shown = views.filter((view) => viewShownTo(view, agent));
      // Concurrent on PostgreSQL's pool; SQLite's one connection runs them in turn, each bounded by the cap.
      const counts = await Promise.all(shown.map((view) => countTickets(ctx, actor, queueFilter(view, agent), QUEUE_COUNT_CAP, fields)));
      return { items: shown.map((view, i) => ({ name: view.name, ...counts[i]! })) };
    },
  );

  app.get(
    '/api/v1/queues/:name/tickets',
    {
      schema: {
        tags,
        summary: 'The tickets of one queue view, most recently updated first',
        params: QueueParams,
        querystring: QueueTicketsQuery,
        response: { 200: TicketPage, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const agent = agentOf(actor);
      const view = views.find((v) => v.name === request.params.name && viewShownTo(v, agent));
      if (!view) throw notFound('queue');
      const sort = request.query.sort ?? QUEUE_DEFAULT_SORT;
      const walkSortIndex = view.walkSortIndex === true && sort === QUEUE_DEFAULT_SORT;
      const page = await listTickets(ctx, actor, queueFilter(view, agent), { limit: request.query.limit, cursor: request.query.cursor, sort, walkSortIndex }, fields);
      const related = await loadRelated(ctx.db, page.items);
      return { items: page.items.map((row) => presentTicketSummary(actor, row, related)), nextCursor: page.nextCursor };
    },
  );
}
