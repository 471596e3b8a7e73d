import {
  ErrorEnvelope,
  IdParams,
  Notification,
  NotificationSettings,
  NotificationSettingsChange,
  NotificationsPage,
  NotificationsQuery,
  NotificationsReadAll,
  NotificationTemplate,
  NotificationTemplateChange,
  NotificationTemplateParams,
  NotificationTemplatePreviewBody,
  NotificationTemplates,
  RenderedMail,
} from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { markAllRead } from './commands/mark-all-read.ts';
import { markRead } from './commands/mark-read.ts';
import { presentNotification } from './notifications.presenter.ts';
import { listMyNotifications, myNotificationSettings } from './notifications.queries.ts';
import { changeNotificationSettings } from './commands/change-notification-settings.ts';
import { updateNotificationTemplate } from './commands/update-notification-template.ts';
import { listNotificationTemplates, presentTemplate, previewNotificationTemplate } from './templates.queries.ts';
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

  app.get(
    '/api/v1/me/notification-settings',
    { schema: { tags, summary: 'Your switches: each kind on or off, in-app and by email', response: { 200: NotificationSettings, ...errors } } },
    async (request) => myNotificationSettings(ctx.db, requireUser(request.actor)),
  );

  app.put(
    '/api/v1/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'Turn kinds on or off, per channel, for yourself',
        body: NotificationSettingsChange,
        response: { 200: NotificationSettings, ...errors },
      },
    },
    async (request) => {
      await changeNotificationSettings(ctx, { actor: request.actor, items: request.body.items });
      return myNotificationSettings(ctx.db, request.actor);
    },
  );

  app.get(
    '/api/v1/admin/notification-templates',
    { schema: { tags, summary: 'Email templates of every kind in fa and en (admins)', response: { 200: NotificationTemplates, ...errors } } },
    async (request) => listNotificationTemplates(ctx.db, request.actor),
  );

  app.put(
    '/api/v1/admin/notification-templates/:kind/:language',
    {
      schema: {
        tags,
        summary: 'Edit the email template of one kind in one language (admins)',
        params: NotificationTemplateParams,
        body: NotificationTemplateChange,
        response: { 200: NotificationTemplate, ...errors, 409: ErrorEnvelope },
      },
    },
    async (request) => {
      const { kind, language } = request.params;
      const row = await updateNotificationTemplate(ctx, { actor: request.actor, kind, language, ...request.body });
      return presentTemplate(kind, language, row);
    },
  );

  app.post(
    '/api/v1/admin/notification-templates/preview',
    {
      schema: {
        tags,
        summary: 'Render a template (stored, or the draft sent) with sample data (admins)',
        body: NotificationTemplatePreviewBody,
        response: { 200: RenderedMail, ...errors },
      },
    },
    async (request) => previewNotificationTemplate(ctx.db, request.actor, request.body),
  );
}
