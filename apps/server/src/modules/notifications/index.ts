import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { inAppDriver } from './drivers/in-app.ts';
import type { NotificationDriver } from './drivers/types.ts';
import { notificationJobs } from './notifications.jobs.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';

export type { NotificationDriver, NotificationRecipient, OutgoingNotification, SmsSender } from './drivers/types.ts';
export { notify } from './commands/notify.ts';

/**
 * Registers the /me/notifications routes and contributes the notification jobs, subscribed to
 * ticket events. `drivers` defaults to in-app only; the email channel adds its driver here when it lands.
 */
export function registerNotifications(app: App, ctx: AppContext, drivers: readonly NotificationDriver[] = [inAppDriver]): Contribution<AppContext> {
  registerNotificationRoutes(app, ctx);
  return { module: 'notifications', ...notificationJobs(ctx, drivers) };
}
