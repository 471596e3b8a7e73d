import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerAdminJobRoutes } from './admin-jobs.routes.ts';

export { AdminJobsErrors } from './admin-jobs.errors.ts';

/** Admin → Jobs: inspect the queue and retry dead jobs. Contributes nothing besides its routes. */
export function registerAdminJobs(app: App, ctx: AppContext): Contribution<AppContext> {
  registerAdminJobRoutes(app, ctx);
  return { module: 'admin-jobs' };
}
