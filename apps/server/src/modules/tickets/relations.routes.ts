import { Type } from 'typebox';
import { ErrorEnvelope, IdParams, Page, Relation, RelationBody, RelationParams } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { relateTickets } from './commands/relate-tickets.ts';
import { unrelateTickets } from './commands/unrelate-tickets.ts';
import { authorizeTicket } from './ticket-access.ts';
import { otherTicketOf, presentRelation } from './relations.presenter.ts';
import { relationsOf, visibleTicketRefs } from './relations.repository.ts';
import { requireUser } from '../../platform/policy/index.ts';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/** Relations between tickets (related, parent_child, follow_up_of, duplicate_of). */
export function registerRelationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/tickets/:id/relations',
    {
      schema: {
        tags,
        summary: "A ticket's relations (only those whose other ticket the reader may see)",
        params: IdParams,
        response: { 200: Page(Relation), ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'read', request.params.id);
      const rows = await relationsOf(ctx.db, access.id);
      const others = new Map((await visibleTicketRefs(ctx.db, actor, rows.map((r) => otherTicketOf(r, access.id)))).map((t) => [t.id, t]));
      const items = rows.flatMap((r) => {
        const other = others.get(otherTicketOf(r, access.id));
        return other ? [presentRelation(r, access.id, other)] : [];
      });
      return { items, nextCursor: null };
    },
  );

  app.post(
    '/api/v1/tickets/:id/relations',
    {
      schema: {
        tags,
        summary: 'Relate this ticket (the source) to another the caller also works on',
        params: IdParams,
        body: RelationBody,
        response: { 201: Relation, ...errors, 409: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { relation, fromTicketId, other } = await relateTickets(ctx, {
        actor: request.actor,
        ticketId: request.params.id,
        targetTicketId: request.body.targetTicketId,
        kind: request.body.kind,
      });
      return reply.status(201).send(presentRelation(relation, fromTicketId, other));
    },
  );

  app.delete(
    '/api/v1/tickets/:id/relations/:relationId',
    {
      schema: {
        tags,
        summary: 'Remove a relation of this ticket',
        params: RelationParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await unrelateTickets(ctx, { actor: request.actor, ticketId: request.params.id, relationId: request.params.relationId });
      return reply.status(204).send(null);
    },
  );
}
