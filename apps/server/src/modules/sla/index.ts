import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { createCalendarLoader, type CalendarUsesOf } from '../calendars/index.ts';
import { policiesOnCalendar } from './sla.repository.ts';
import { registerSlaRoutes } from './sla.routes.ts';
import { slaJobs } from './sla.jobs.ts';
import { slaSettings } from './sla.settings.ts';
import type { ContractsOfTickets } from './sla-policies.ts';
export type { ContractsOfTickets, ContractPlacement } from './sla-policies.ts';

export { ensureDefaultSlaPolicy } from './default-policy.ts';
export { settleImportedSla, type SettledSla } from './sla-settle.ts';
export { SLA_QUEUE_VIEWS } from './sla-queues.ts';
export { slaSettings } from './sla.settings.ts';
export { findPolicy as findSlaPolicy, breachActionsPage, breachActionsPageQuery, type BreachCursor, type SlaPolicyRow } from './sla.repository.ts';

/** For calendars: the SLA policies that run on a calendar keep it from being deleted. */
export const slaCalendarUses: CalendarUsesOf = async (db, calendarId) => (await policiesOnCalendar(db, calendarId)).map((p) => ({ kind: 'sla_policy', id: p.id, name: p.name }));

/** Registers /api/v1/admin/sla/…; `contracts` places tickets by their organisation's contract first; contributes the SLA jobs (per-ticket recompute, calendar recompute in chunks, the sweep) and the `sla.*` settings. */
export function registerSla(app: App, ctx: AppContext, options: { contracts?: ContractsOfTickets } = {}): Contribution<AppContext> {
  registerSlaRoutes(app, ctx);
  return { module: 'sla', settings: [slaSettings], ...slaJobs(ctx, createCalendarLoader(), options.contracts) };
}
