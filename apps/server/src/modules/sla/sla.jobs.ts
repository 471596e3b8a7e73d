import { defineJob, type AppContext } from '../../context.ts';
import { afterCommit } from '../../platform/db/index.ts';
import type { Contribution } from '../../platform/modules.ts';
import { systemActor } from '../../platform/actor.ts';
import { confirmTicket, loadTicketForUpdate, openTicketIdsAfter, PENDING_BATCH, returnDuePendingTickets, resolvedTicketsBefore, ticketSettings, ticketsWithSlaEventDue } from '../tickets/index.ts';
import type { CalendarLoader } from '../calendars/index.ts';
import { takeSlaActions } from './sla-actions.ts';
import { recomputeTickets } from './sla-recompute.ts';
import { policyIdsOfCalendar } from './sla.repository.ts';
import { slaSettings } from './sla.settings.ts';
import type { ContractsOfTickets } from './sla-policies.ts';

/** Tickets per transaction when a calendar change recomputes them, so agents keep working meanwhile. */
export const RECOMPUTE_CHUNK = 1000;
const DAY_MS = 86_400_000;
/** Fields of ticket.updated that choose the policy again. */
const SELECTING = new Set(['priority', 'type', 'categoryId', 'organizationId']);

/**
 * The SLA jobs: each ticket event recomputes that ticket's clocks (re-choosing the policy at
 * creation and when a selecting field changed) and takes the actions due; a calendar change
 * recomputes the open tickets of the policies on it in chunks of 1,000, each chunk its own
 * transaction enqueuing the next and leaving the actions it finds due to the sweep; and one sweep every minute reads the next-event index, closes
 * tickets resolved more than `tickets.auto_close_after_days` ago and returns pending tickets whose
 * date is reached (the foundation's pending-until sweep, folded in: one schedule).
 */
export function slaJobs(ctx: AppContext, loader: CalendarLoader, contracts?: ContractsOfTickets): Pick<Contribution, 'jobs' | 'schedules' | 'subscriptions'> {
  const run = async (trx: AppContext['db'], ids: readonly number[], reselect: boolean) => {
    const now = ctx.clock.now();
    const recomputed = await recomputeTickets(trx, loader, systemActor('sla'), ids, now, { reselect, contracts });
    return takeSlaActions({ ...ctx, db: trx }, trx, recomputed, now);
  };
  // A chunk writes the clocks only; the actions it finds due are the sweep's (recomputeTickets' deferActions).
  const recomputeChunk = (trx: AppContext['db'], ids: readonly number[]) => recomputeTickets(trx, loader, systemActor('sla'), ids, ctx.clock.now(), { reselect: false, contracts, deferActions: true });
  const jobs = [
    defineJob('sla.ticket_created', { runsAs: 'sla', handler: async ({ trx, payload }) => void (await run(trx, [payload.payload.ticketId], true)) }),
    defineJob('sla.ticket_updated', {
      runsAs: 'sla',
      handler: async ({ trx, payload }) => void (await run(trx, [payload.payload.ticketId], payload.payload.fields.some((f) => SELECTING.has(f)))),
    }),
    defineJob('sla.ticket_status_changed', { runsAs: 'sla', handler: async ({ trx, payload }) => void (await run(trx, [payload.payload.ticketId], false)) }),
    defineJob('sla.ticket_article_added', {
      runsAs: 'sla',
      // System events (the story of a change) move no clock.
      handler: async ({ trx, payload }) => void (payload.payload.kind === 'reply' && !payload.payload.internal ? await run(trx, [payload.payload.ticketId], false) : undefined),
    }),
    defineJob('sla.calendar_changed', {
      runsAs: 'sla',
      handler: async ({ trx, payload }) => {
        const { calendarId, version } = payload.payload;
        await ctx.jobs.enqueue(trx, 'sla.recompute_chunk', { calendarId, version, afterId: 0 }, { uniqueKey: `sla.recompute:${calendarId}:${version}:0` });
      },
    }),
    defineJob('sla.policy_changed', {
      runsAs: 'sla',
      handler: async ({ trx, payload }) => {
        const { policyId, version } = payload.payload;
        await ctx.jobs.enqueue(trx, 'sla.recompute_chunk', { policyId, version, afterId: 0 }, { uniqueKey: `sla.recompute:policy:${policyId}:${version}:0` });
      },
    }),
    defineJob('sla.recompute_chunk', {
      runsAs: 'sla',
      handler: async ({ trx, payload }) => {
        // A calendar's change: the open tickets of every policy on it; a policy's edit: that policy's.
        const policies = 'policyId' in payload ? [payload.policyId] : await policyIdsOfCalendar(trx, payload.calendarId);
        if (policies.length === 0) return;
        const ids = await openTicketIdsAfter(trx, payload.afterId, RECOMPUTE_CHUNK, policies);
        await recomputeChunk(trx, ids);
        if (ids.length === RECOMPUTE_CHUNK) {
          const afterId = ids[ids.length - 1]!;
          const scope = 'policyId' in payload ? `policy:${payload.policyId}` : String(payload.calendarId);
          await ctx.jobs.enqueue(trx, 'sla.recompute_chunk', { ...payload, afterId }, { uniqueKey: `sla.recompute:${scope}:${payload.version}:${afterId}` });
        }
      },
    }),
    defineJob('sla.sweep', {
      runsAs: 'sla',
      handler: async ({ trx }) => {
        const now = ctx.clock.now();
        const setting = await slaSettings.get(trx, 'sla.sweep_batch');
        const batch = Number.isSafeInteger(setting) && setting > 0 ? setting : slaSettings.defaults['sla.sweep_batch'];
        const ids = await ticketsWithSlaEventDue(trx, now, batch);
        const actions = await run(trx, ids, false);
        // The lifecycle's timed rule: a resolved ticket closes after tickets.auto_close_after_days (0: never).
        const days = await ticketSettings.get(trx, 'tickets.auto_close_after_days');
        const closing = days > 0 ? await resolvedTicketsBefore(trx, now - days * DAY_MS, batch) : [];
        // One that was due to close over a day ago (the first sweep of an upgraded desk, or after downtime)
        // closes quietly: years of old resolved tickets must not mail their requesters at once.
        for (const { id, resolvedAt } of closing) {
          // A sweep beside this one (another process) may have closed it, or an agent reopened it, since the
          // list was read: only a ticket still resolved at that time, under its row lock, closes — else the
          // refused confirm would roll this whole sweep back.
          const row = await loadTicketForUpdate(trx, id);
          if (row?.status !== 'resolved' || row.resolved_at !== resolvedAt) continue;
          await confirmTicket({ ...ctx, db: trx }, { actor: systemActor('sla'), ticketId: id, quiet: resolvedAt < now - (days + 1) * DAY_MS });
        }
        // The foundation's pending-until rule, folded in: pending tickets whose date is reached return to open (as the scheduler).
        const returned = await returnDuePendingTickets({ ...ctx, db: trx }, now);
        // A full batch means more are due: come back at once rather than at the next slot.
        if (ids.length === batch || closing.length === batch || returned === PENDING_BATCH) await ctx.jobs.enqueue(trx, 'sla.sweep', {}, { uniqueKey: `sla.sweep:more:${now}` });
        // Which process took how many actions, once committed (the two-process fault test adds these up).
        if (ids.length > 0) afterCommit(trx, () => ctx.logger.info({ worker: ctx.jobs.workerId, tickets: ids.length, actions }, 'SLA sweep batch committed'));
      },
    }),
  ];
  return {
    jobs,
    schedules: [{ name: 'sla.sweep', job: 'sla.sweep', everyMs: 60_000 }],
    // Inline (ADR 0031): one ticket's clocks recomputed, and its due actions claimed under their unique
    // keys, through `trx`; a calendar's or policy's change only enqueues its first chunk.
    subscriptions: [
      { event: 'ticket.created', job: 'sla.ticket_created', inline: true },
      { event: 'ticket.updated', job: 'sla.ticket_updated', inline: true },
      { event: 'ticket.status_changed', job: 'sla.ticket_status_changed', inline: true },
      { event: 'ticket.article_added', job: 'sla.ticket_article_added', inline: true },
      { event: 'calendar.changed', job: 'sla.calendar_changed', inline: true },
      { event: 'sla_policy.changed', job: 'sla.policy_changed', inline: true },
    ],
  };
}
