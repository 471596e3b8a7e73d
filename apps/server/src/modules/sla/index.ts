import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { createCalendarLoader } from '../calendars/index.ts';
import { registerSlaRoutes } from './sla.routes.ts';
import { slaJobs } from './sla.jobs.ts';

export { ensureDefaultSlaPolicy } from './default-policy.ts';
export { SLA_QUEUE_VIEWS } from './sla-queues.ts';

/** Registers /api/v1/admin/sla/…; contributes the SLA jobs (per-ticket recompute, calendar recompute in chunks, the sweep). */
export function registerSla(app: App, ctx: AppContext): Contribution<AppContext> {
  registerSlaRoutes(app, ctx);
  return { module: 'sla', ...slaJobs(ctx, createCalendarLoader()) };
}
