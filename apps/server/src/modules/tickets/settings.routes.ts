import { ErrorEnvelope, PriorityMatrixBody, PriorityMatrixResponse } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { currentMatrix } from './ticket-fields.ts';
import { changePriorityMatrix } from './commands/change-priority-matrix.ts';
import { ticketDeskPolicy, TICKET_DESK } from './tickets.policy.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['settings'];

/**
 * The priority matrix (impact × urgency → priority): any agent reads it, an admin changes it.
 * A change applies to later computations only; existing tickets keep their priority.
 */
export function registerTicketSettingsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/settings/priority-matrix',
    { schema: { tags, summary: 'The priority matrix (rows impact high→low, columns urgency high→low)', response: { 200: PriorityMatrixResponse, ...errors } } },
    async (request) => {
      authorize(ticketDeskPolicy, requireUser(request.actor), 'read_settings', TICKET_DESK);
      return { matrix: (await currentMatrix(ctx.db)).map((row) => [...row]) };
    },
  );

  app.put(
    '/api/v1/settings/priority-matrix',
    {
      schema: { tags, summary: 'Change the priority matrix (admin)', body: PriorityMatrixBody, response: { 200: PriorityMatrixResponse, ...errors } },
    },
    async (request) => {
      const matrix = await changePriorityMatrix(ctx, { actor: request.actor, matrix: request.body.matrix });
      return { matrix: matrix.map((row) => [...row]) };
    },
  );
}
