import { authorizeTicket } from './ticket-access.ts';
import { Type } from 'typebox';
import { ErrorEnvelope, IdParams, Page, Watcher, WatcherBody, WatcherParams } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { addWatcher } from './commands/add-watcher.ts';
import { removeWatcher } from './commands/remove-watcher.ts';
import { presentWatcher } from './watchers.presenter.ts';
import { listWatcherRows } from './watchers.repository.ts';
import { requireUser } from '../../platform/policy/index.ts';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/** Watchers: agents (who gain visibility) and contacts (who see the public timeline and may reply). */
export function registerWatcherRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/tickets/:id/watchers',
    { schema: { tags, summary: "A ticket's watchers", params: IdParams, response: { 200: Page(Watcher), ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'read', request.params.id);
      return { items: (await listWatcherRows(ctx.db, access.id)).map(presentWatcher), nextCursor: null };
    },
  );

  app.post(
    '/api/v1/tickets/:id/watchers',
    {
      schema: {
        tags,
        summary: 'Add a watcher: { agentId } or { contactId }',
        params: IdParams,
        body: WatcherBody,
        response: { 201: Watcher, ...errors, 409: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const person = 'agentId' in body ? { agentId: body.agentId } : { contactId: body.contactId };
      const row = await addWatcher(ctx, { actor: request.actor, ticketId: request.params.id, ...person });
      return reply.status(201).send(presentWatcher(row));
    },
  );

  app.delete(
    '/api/v1/tickets/:id/watchers/:watcherId',
    { schema: { tags, summary: 'Remove a watcher', params: WatcherParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await removeWatcher(ctx, { actor: request.actor, ticketId: request.params.id, watcherId: request.params.watcherId });
      return reply.status(204).send(null);
    },
  );
}
