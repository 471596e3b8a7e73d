import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { inAppDriver } from './drivers/in-app.ts';
import type { NotificationDriver } from './drivers/types.ts';
import { registerNotificationJobs } from './notifications.jobs.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';

export type { NotificationDriver, NotificationRecipient, OutgoingNotification, SmsSender } from './drivers/types.ts';
export { notify } from './commands/notify.ts';

/**
 * Registers the notification jobs (subscribed to ticket events) and the /me/notifications routes.
 * `drivers` defaults to in-app only; the email channel adds its driver here when it lands.
 */
export function registerNotifications(app: App, ctx: AppContext, drivers: readonly NotificationDriver[] = [inAppDriver]): void {
  registerNotificationJobs(ctx, drivers);
  registerNotificationRoutes(app, ctx);
}
