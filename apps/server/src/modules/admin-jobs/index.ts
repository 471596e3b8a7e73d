import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { registerAdminJobRoutes } from './admin-jobs.routes.ts';

export { AdminJobsErrors } from './admin-jobs.errors.ts';

/** Admin → Jobs: inspect the queue and retry dead jobs. */
export function registerAdminJobs(app: App, ctx: AppContext): void {
  registerAdminJobRoutes(app, ctx);
}
