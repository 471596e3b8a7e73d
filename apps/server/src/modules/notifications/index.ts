import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { liveInAppDriver } from './drivers/in-app.ts';
import type { NotificationDriver, NotificationMailer } from './drivers/types.ts';
import { notificationJobs } from './notifications.jobs.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { registerMailLinkRoutes } from './mail-links/mail-links.routes.ts';
import { emailDriver } from './drivers/email.ts';
import { linkMailJob, lockNoticeJob, mailsOwnLink } from './link-mail.ts';

export type { NotificationDriver, NotificationMail, NotificationMailer, NotificationRecipient, OutgoingNotification, SmsSender } from './drivers/types.ts';
export { CUSTOMER_KINDS } from './templates/defaults.ts';
export { renderHtml, escapeHtml } from './templates/render.ts';
export { notify } from './commands/notify.ts';

export interface NotificationsOptions {
  /** The mail-out the email driver queues through (the email module's); without it only the bell notifies. */
  mailer?: NotificationMailer;
  /** Replaces the drivers altogether (tests). */
  drivers?: readonly NotificationDriver[];
}

/**
 * Registers the /me/notifications routes, the settings and template routes and the mail-link
 * pages, and contributes the notification jobs, subscribed to ticket events, and the mail of the
 * one-time links access issues (link-mail.ts). Drivers: in-app, and email when a mailer is given.
 */
export function registerNotifications(app: App, ctx: AppContext, options: NotificationsOptions = {}): Contribution<AppContext> {
  registerNotificationRoutes(app, ctx);
  registerMailLinkRoutes(app, ctx);
  const drivers = options.drivers ?? [liveInAppDriver(ctx.realtime), ...(options.mailer ? [emailDriver({ clock: ctx.clock, publicUrl: ctx.config.publicUrl, sealKeys: ctx.sealKeys, contactSignIns: ctx.contactSignIns }, options.mailer)] : [])];
  const { jobs, subscriptions } = notificationJobs(ctx, drivers);
  return {
    module: 'notifications',
    jobs: [...(jobs ?? []), linkMailJob(ctx, options.mailer), lockNoticeJob(ctx, options.mailer)],
    subscriptions: [
      ...(subscriptions ?? []),
      // Most links travel inside another mail (every new mail ticket issues two): those make no job.
      { event: 'access.link_issued', job: 'notifications.link_mail', when: (link) => options.mailer !== undefined && mailsOwnLink(link) },
      { event: 'access.account_locked', job: 'notifications.account_locked' },
    ],
  };
}
