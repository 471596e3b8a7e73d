import { ErrorEnvelope, PriorityMatrixBody, PriorityMatrixResponse } from '@pishkhan/contracts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import { ticketSettings } from './tickets.settings.ts';
import type { AppContext } from '../../context.ts';
import { currentMatrix } from './ticket-fields.ts';
import { isValidMatrix } from './priority.ts';
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
      authorize(ticketDeskPolicy, requireUser(request.actor), 'change_settings', TICKET_DESK);
      const { matrix } = request.body;
      if (!isValidMatrix(matrix)) throw new DomainError(CommonErrors['request.invalid'], { summary: 'matrix must be 3×3 of 1..4', field: 'matrix' });
      await ticketSettings.set(ctx.db, 'tickets.priority_matrix', matrix, ctx.clock.now());
      return { matrix };
    },
  );
}
