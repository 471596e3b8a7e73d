import { ErrorEnvelope, EscalationBody, IdParams, Ticket, TicketActionBody } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { acknowledgeEscalation } from './commands/acknowledge-escalation.ts';
import { deescalateTicket } from './commands/deescalate-ticket.ts';
import { escalateTicket } from './commands/escalate-ticket.ts';
import { bodyOptional, presentCommandResult } from './tickets.routes.ts';
import { requireUser } from '../../platform/policy/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['tickets'];

/** Escalation: functional (to another group) and hierarchical (to supervisors, then managers), acknowledge, de-escalate. */
export function registerEscalationRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/tickets/:id/escalations',
    {
      schema: {
        tags,
        summary: 'Escalate a ticket: functional (refer to another group) or hierarchical (one level up)',
        params: IdParams,
        body: EscalationBody,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const id = request.params.id;
      const body = request.body;
      const escalated = await escalateTicket(
        ctx,
        body.kind === 'functional'
          ? { actor, ticketId: id, kind: 'functional', groupId: body.groupId, agentId: body.agentId ?? null, reason: body.reason, ...version(body.version) }
          : { actor, ticketId: id, kind: 'hierarchical', reason: body.reason, ...version(body.version) },
      );
      return presentCommandResult(actor, escalated);
    },
  );

  for (const [path, command, summary] of [
    ['acknowledge', acknowledgeEscalation, 'Acknowledge an escalation addressed to you (it leaves "Escalated to me")'],
    ['deescalate', deescalateTicket, 'Take a hierarchical escalation back to level 0'],
  ] as const) {
    app.post(
      `/api/v1/tickets/:id/escalation/${path}`,
      { preValidation: bodyOptional, schema: { tags, summary, params: IdParams, body: TicketActionBody, response: { 200: Ticket, ...errors } } },
      async (request) => {
        const actor = requireUser(request.actor);
        return presentCommandResult(actor, await command(ctx, { actor, ticketId: request.params.id, version: request.body?.version }));
      },
    );
  }
}

function version(v: number | undefined): { version?: number } {
  return v === undefined ? {} : { version: v };
}
