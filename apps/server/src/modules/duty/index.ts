import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import type { Contribution } from '../../platform/modules.ts';
import { dutyJobs } from './duty.jobs.ts';
import { registerDutyRoutes } from './duty.routes.ts';

export { membersOnDuty } from './on-duty.ts';
export { dutyCalendarUses } from './duty-calendar-uses.ts';
export { autoAssignTicket, type AutoAssignOutcome } from './commands/auto-assign-ticket.ts';

/** Registers /api/v1/me/duty, /agents/:id/duty and /groups/:id/assignment; contributes auto-assignment's jobs and sweep. */
export function registerDuty(app: App, ctx: AppContext): Contribution<AppContext> {
  registerDutyRoutes(app, ctx);
  return { module: 'duty', ...dutyJobs(ctx) };
}
