import type { AppContext } from '../../../context.ts';
import type { App } from '../../../platform/http/server.ts';
import type { Contribution } from '../../../platform/modules.ts';
import type { NotificationMailer } from '../../notifications/index.ts';
import { outboundJobs } from './outbound.jobs.ts';
import { outboundMailer } from './mailer.ts';
import { registerOutboundRoutes } from './outbound.routes.ts';
import { outboundSettings } from './outbound.settings.ts';

/** Mail out's face inside the email module (the module's index.ts re-exports what others need). */
export { outboundByMessageId } from './outbound.repository.ts';

/** The notification port's mail-out, for registerNotifications (app.ts). */
export function createOutboundMailer(ctx: AppContext): NotificationMailer {
  return outboundMailer(ctx);
}

/** Registers mail out's routes and contributes its settings, jobs and the reply subscription. */
export function registerOutbound(app: App, ctx: AppContext): Contribution<AppContext> {
  registerOutboundRoutes(app, ctx);
  return { module: 'email.outbound', settings: [outboundSettings], ...outboundJobs(ctx) };
}
