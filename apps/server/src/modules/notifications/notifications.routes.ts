import { ErrorEnvelope, IdParams, Notification, NotificationsPage, NotificationsQuery, NotificationsReadAll } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { markAllRead } from './commands/mark-all-read.ts';
import { markRead } from './commands/mark-read.ts';
import { presentNotification } from './notifications.presenter.ts';
import { listMyNotifications } from './notifications.queries.ts';
import { requireUser } from '../../platform/policy/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const tags = ['notifications'];

/** The signed-in user's own in-app notifications (agents and contacts alike). */
export function registerNotificationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/me/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: NotificationsQuery,
        response: { 200: NotificationsPage, ...errors },
      },
    },
    async (request) => listMyNotifications(ctx.db, requireUser(request.actor), request.query),
  );

  app.post(
    '/api/v1/me/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: IdParams,
        response: { 200: Notification, ...errors, 404: ErrorEnvelope },
      },
    },
    async (request) => presentNotification(await markRead(ctx, { actor: request.actor, id: request.params.id })),
  );

  app.post(
    '/api/v1/me/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 200: NotificationsReadAll, ...errors },
      },
    },
    async (request) => ({ ...(await markAllRead(ctx, { actor: request.actor })), unreadCount: 0 }),
  );
}
