import { authorizeTicket } from './ticket-access.ts';
import { Type } from 'typebox';
import { ErrorEnvelope, IdParams, Page, Watcher, WatcherBody, WatcherParams } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import { addWatcher } from './commands/add-watcher.ts';
import { removeWatcher } from './commands/remove-watcher.ts';
import { presentWatcher } from './watchers.presenter.ts';
import { listWatcherRows, loadWatcherRow } from './watchers.repository.ts';
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
      const actor = requireUser(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'watch', request.params.id);
      const body = request.body;
      const id = await addWatcher(ctx, { ticketId: access.id, ...('agentId' in body ? { agentId: body.agentId } : { contactId: body.contactId }) });
      const row = (await listWatcherRows(ctx.db, access.id)).find((w) => w.id === id)!;
      return reply.status(201).send(presentWatcher(row));
    },
  );

  app.delete(
    '/api/v1/tickets/:id/watchers/:watcherId',
    { schema: { tags, summary: 'Remove a watcher', params: WatcherParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'watch', request.params.id);
      const row = await loadWatcherRow(ctx.db, request.params.watcherId);
      if (!row || row.ticket_id !== access.id) throw notFound('watcher');
      await removeWatcher(ctx, { watcherId: row.id });
      return reply.status(204).send(null);
    },
  );
}
