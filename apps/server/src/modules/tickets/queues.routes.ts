import { ErrorEnvelope, QueueList, QueueParams, QueueTicketsQuery, TicketPage } from '@pishkhan/contracts';
import type { UserActor } from '../../platform/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { findQueueView, QUEUE_VIEWS, type QueueContext } from './queues.ts';
import { presentTicketSummary } from './tickets.presenter.ts';
import { ticketDeskPolicy, TICKET_DESK } from './tickets.policy.ts';
import { countTickets, listTickets, loadRelated } from './tickets.queries.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const tags = ['queues'];

/** The agent workspace's named views (queues.ts) with counts, and their tickets page by page. Agents only. */
export function registerQueueRoutes(app: App, ctx: AppContext): void {
  const queueContext = (actor: UserActor): QueueContext => {
    authorize(ticketDeskPolicy, actor, 'queues', TICKET_DESK);
    return { agent: actor.agent!, now: ctx.clock.now() };
  };

  app.get(
    '/api/v1/queues',
    { schema: { tags, summary: 'Every queue view with its count for the caller', response: { 200: QueueList, ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const q = queueContext(actor);
      const counts = await Promise.all(QUEUE_VIEWS.map((view) => countTickets(ctx.db, actor, view.filter(q))));
      return { items: QUEUE_VIEWS.map((view, i) => ({ name: view.name, count: counts[i]! })) };
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
      const q = queueContext(actor);
      const view = findQueueView(request.params.name);
      if (!view) throw notFound('queue');
      const page = await listTickets(ctx.db, actor, view.filter(q), { limit: request.query.limit, cursor: request.query.cursor });
      const related = await loadRelated(ctx.db, page.items);
      return { items: page.items.map((row) => presentTicketSummary(actor, row, related)), nextCursor: page.nextCursor };
    },
  );
}
