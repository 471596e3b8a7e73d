import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { createCalendarLoader } from '../calendars/index.ts';
import { registerContractRoutes } from './contracts.routes.ts';
import { contractJobs } from './contracts.jobs.ts';

export { contractsOfTickets } from './contract-choice.ts';

/** Registers /api/v1/admin/contracts…; contributes the daily expiry notice. sla asks `contractsOfTickets` (through app.ts) which contract places a ticket. */
export function registerContracts(app: App, ctx: AppContext): Contribution<AppContext> {
  registerContractRoutes(app, ctx, createCalendarLoader());
  return { module: 'contracts', ...contractJobs(ctx) };
}
