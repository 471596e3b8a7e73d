import { authorizeTicket } from './ticket-access.ts';
import {
  CreateTicketBody,
  ErrorEnvelope,
  IdempotencyHeaders,
  IdParams,
  Ticket,
  TicketActionBody,
  TicketHistoryPage,
  TicketHistoryQuery,
  TicketListQuery,
  TicketPage,
  UpdateTicketBody,
} from '@pishkhan/contracts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.ts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { confirmTicket } from './commands/confirm-ticket.ts';
import { createTicket } from './commands/create-ticket.ts';
import { reopenTicket } from './commands/reopen-ticket.ts';
import { updateTicket } from './commands/update-ticket.ts';
import { presentHistoryEntry, presentTicket, presentTicketSummary } from './tickets.presenter.ts';
import { scopeOnSortIndex, ticketPolicy } from './tickets.policy.ts';
import { listTickets, loadRelated, loadTicketView, numberPrefix, ticketFilters, ticketHistory } from './tickets.queries.ts';
import type { TicketView } from './ticket-view.ts';
import { authorize, requireCaller, requireUser } from '../../platform/policy/index.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';
import type { TicketFilter } from '@pishkhan/contracts';
import { ticketFilterFields, type TicketFilterFields } from './filter/fields.ts';
import { PORTAL_SUBMISSION_RATE_LIMIT } from '../access/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...errors, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['tickets'];

/**
 * The ticket a command returned, as its reader sees it. The reader just acted on it, so it is shown
 * even if the command took it out of their sight (their abilities then say so).
 */
export function presentCommandResult(actor: Actor, view: TicketView) {
  return presentTicket(actor, view.access, view.related);
}

/** Action routes (confirm, reopen, acknowledge …) take an optional body: none at all reads as `{}`. */
export async function bodyOptional(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

/** Turns the list's `q` (the search query language) into a filter of the language for this reader (search's, through registerTickets' options). */
export type TicketQueryCompiler = (ctx: AppContext, actor: Actor, q: string) => Promise<TicketFilter>;

export function registerTicketRoutes(app: App, ctx: AppContext, fields: TicketFilterFields = ticketFilterFields, compileQuery?: TicketQueryCompiler): void {
  app.post(
    '/api/v1/tickets',
    {
      // Customers' submissions are rate limited (429 with Retry-After); agents' are not.
      config: { ...PORTAL_SUBMISSION_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Open a ticket (agents for a requester; contacts through the portal)',
        headers: IdempotencyHeaders,
        body: CreateTicketBody,
        response: { 201: Ticket, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const { channel, ...fields } = request.body;
      // A token's call is the API channel, whatever the body says; a browser's is the route's.
      const created = await createTicket(ctx, {
        actor,
        ...fields,
        channel: actor.via === 'token' ? 'api' : channel,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(201).send(presentCommandResult(actor, created));
    },
  );

  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets the caller may see, filtered and sorted, one page at a time',
        querystring: TicketListQuery,
        response: { 200: TicketPage, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const { limit, cursor, sort, q, ...filters } = request.query;
      const selection = ticketFilters(filters, fields, await numberPrefix(ctx.db));
      if (q !== undefined) {
        if (!compileQuery) throw invalidInput('q', 'invalid');
        selection.push(await compileQuery(ctx, actor, q));
      }
      // The whole visible desk in the default order (the workspace's first request): walk the sort
      // index and stop at the page, as the large queue views do (ADR 0027), instead of sorting
      // every visible ticket. Any filter keeps the filter's index.
      const walkSortIndex = q === undefined && Object.keys(filters).length === 0 && (sort ?? '-updated_at') === '-updated_at' && scopeOnSortIndex(actor);
      const page = await listTickets(ctx, actor, selection, { limit, cursor, sort, walkSortIndex }, fields);
      const related = await loadRelated(ctx.db, page.items);
      return { items: page.items.map((row) => presentTicketSummary(actor, row, related)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    { schema: { tags, summary: 'One ticket, with the caller’s abilities on it', params: IdParams, response: { 200: Ticket, ...errors } } },
    async (request) => {
      const actor = requireCaller(request.actor);
      const view = await loadTicketView(ctx.db, request.params.id);
      authorize(ticketPolicy, actor, 'read', view?.access);
      return presentTicket(actor, view!.access, view!.related);
    },
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Edit a ticket at the version last seen (fields, status, assignment)',
        params: IdParams,
        body: UpdateTicketBody,
        response: { 200: Ticket, ...writeErrors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      return presentCommandResult(actor, await updateTicket(ctx, { actor, ticketId: request.params.id, body: request.body }));
    },
  );

  app.get(
    '/api/v1/tickets/:id/history',
    {
      schema: {
        tags,
        summary: 'Who changed which field when (desk only)',
        params: IdParams,
        querystring: TicketHistoryQuery,
        response: { 200: TicketHistoryPage, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      await authorizeTicket(ctx.db, actor, 'history', request.params.id);
      const page = await ticketHistory(ctx.db, request.params.id, request.query, { actor, language: request.language });
      return { items: page.items.map(presentHistoryEntry), nextCursor: page.nextCursor };
    },
  );

  for (const [action, command] of [
    ['confirm', confirmTicket],
    ['reopen', reopenTicket],
  ] as const) {
    app.post(
      `/api/v1/tickets/:id/${action}`,
      {
        preValidation: bodyOptional,
        schema: {
          tags,
          summary: action === 'confirm' ? 'Confirm a resolved ticket: it closes' : 'Reopen a resolved ticket',
          params: IdParams,
          body: TicketActionBody,
          response: { 200: Ticket, ...writeErrors },
        },
      },
      async (request) => {
        const actor = requireUser(request.actor);
        return presentCommandResult(actor, await command(ctx, { actor, ticketId: request.params.id, version: request.body?.version }));
      },
    );
  }
}
