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
import { ticketPolicy } from './tickets.policy.ts';
import { listTickets, loadRelated, loadTicketView, numberPrefix, ticketFilters, ticketHistory } from './tickets.queries.ts';
import type { TicketView } from './ticket-view.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

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

export function registerTicketRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/tickets',
    {
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
      const { limit, cursor, sort, ...filters } = request.query;
      const page = await listTickets(ctx, actor, ticketFilters(filters, undefined, await numberPrefix(ctx.db)), { limit, cursor, sort });
      const related = await loadRelated(ctx.db, page.items);
      return { items: page.items.map((row) => presentTicketSummary(actor, row, related)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    { schema: { tags, summary: 'One ticket, with the caller’s abilities on it', params: IdParams, response: { 200: Ticket, ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
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
