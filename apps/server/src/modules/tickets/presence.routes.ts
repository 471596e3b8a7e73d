import { Type } from 'typebox';
import { ErrorEnvelope, IdParams, PresenceBody, TicketPresence } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import type { Actor } from '../../platform/actor.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { authorizeTicket } from './ticket-access.ts';
import { seesInternal } from './tickets.policy.ts';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/**
 * Presence (platform/realtime, ADR 0025): who of the desk is viewing or typing on a ticket. Only
 * desk readers of the ticket report and see it — a contact who may read the ticket gets 403, one
 * who may not 404. Presence is memory, not a record: no command, nothing written to the database.
 */
export function registerPresenceRoutes(app: App, ctx: AppContext): void {
  async function deskReader(request: { actor: Actor; params: { id: number } }) {
    const actor = requireUser(request.actor);
    const access = await authorizeTicket(ctx.db, actor, 'read', request.params.id);
    if (!actor.agent || !seesInternal(actor, access)) throw forbidden('presence');
    return { actor, agent: actor.agent, ticketId: access.id };
  }

  app.get(
    '/api/v1/tickets/:id/presence',
    { schema: { tags, summary: 'The agents on a ticket now (viewing or typing)', params: IdParams, response: { 200: TicketPresence, ...errors } } },
    async (request) => {
      const { ticketId } = await deskReader(request);
      return { ticketId, viewers: ctx.realtime.viewersOf(ticketId) };
    },
  );

  app.put(
    '/api/v1/tickets/:id/presence',
    {
      schema: {
        tags,
        summary: 'Report the caller viewing or typing on a ticket (renew every 10 s; a report holds 30 s)',
        params: IdParams,
        body: PresenceBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { actor, agent, ticketId } = await deskReader(request);
      ctx.realtime.reportPresence(ticketId, actor.userId, agent.name, request.body.state);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/tickets/:id/presence',
    { schema: { tags, summary: 'The caller left the ticket', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { actor, agent, ticketId } = await deskReader(request);
      ctx.realtime.reportPresence(ticketId, actor.userId, agent.name, 'left');
      return reply.status(204).send(null);
    },
  );
}
