import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { createCalendarLoader, type CalendarUsesOf } from '../calendars/index.ts';
import { policiesOnCalendar } from './sla.repository.ts';
import { registerSlaRoutes } from './sla.routes.ts';
import { slaJobs } from './sla.jobs.ts';

export { ensureDefaultSlaPolicy } from './default-policy.ts';
export { SLA_QUEUE_VIEWS } from './sla-queues.ts';

/** For calendars: the SLA policies that run on a calendar keep it from being deleted. */
export const slaCalendarUses: CalendarUsesOf = async (db, calendarId) => (await policiesOnCalendar(db, calendarId)).map((p) => ({ kind: 'sla_policy', id: p.id, name: p.name }));

/** Registers /api/v1/admin/sla/…; contributes the SLA jobs (per-ticket recompute, calendar recompute in chunks, the sweep). */
export function registerSla(app: App, ctx: AppContext): Contribution<AppContext> {
  registerSlaRoutes(app, ctx);
  return { module: 'sla', ...slaJobs(ctx, createCalendarLoader()) };
}
