import { ErrorEnvelope, IdParams, MergeBody, MergeResult } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { mergeTickets } from './commands/merge-tickets.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };

/** POST /tickets/:id/merge — merge this ticket (B) into another (A). */
export function registerMergeRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/tickets/:id/merge',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Merge this ticket into another: its timeline, attachments and watchers move there and it closes as merged',
        params: IdParams,
        body: MergeBody,
        response: { 200: MergeResult, ...errors },
      },
    },
    async (request) => {
      const result = await mergeTickets(ctx, { actor: request.actor, ticketId: request.params.id, intoTicketId: request.body.intoTicketId });
      return {
        source: {
          id: result.source.id,
          number: result.source.number,
          status: result.source.status,
          mergedIntoId: result.target.id,
          version: result.source.version,
        },
        target: { id: result.target.id, number: result.target.number, status: result.target.status, version: result.target.version },
        moved: result.moved,
      };
    },
  );
}
