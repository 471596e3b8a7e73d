import { defineJob, type AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { PENDING_STATUSES } from './lifecycle.ts';
import { changeStatus } from './status-change.ts';
import { duePendingTickets, loadTicketForUpdate } from './tickets.repository.ts';

export const RETURN_PENDING_JOB = 'tickets.return_pending';
const BATCH = 200;

/**
 * Pending-until (DESIGN.md lifecycle): when a pending ticket's date is reached it returns to open
 * and its assignee is notified (ticket.pending_reached). One scheduled sweep reads the
 * (status, pending_until) index — no timer per ticket. Each ticket is re-read under its lock, so a
 * customer reply that already reopened it is left alone. Returned to registerTickets, installed by app.ts.
 */
export function ticketJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'schedules'> {
  const returnPending = defineJob(RETURN_PENDING_JOB, {
    async handler({ trx, actor }) {
      const now = ctx.clock.now();
      const due = await duePendingTickets(trx, PENDING_STATUSES, now, BATCH);
      for (const { id } of due) {
        const ticket = await loadTicketForUpdate(trx, id);
        if (!ticket || !PENDING_STATUSES.includes(ticket.status as never) || ticket.pending_until === null || ticket.pending_until > now) continue;
        await changeStatus(trx, ctx.clock, { ticket, to: 'open', cause: 'system', actor });
        await recordEvent(trx, ctx.clock, 'ticket.pending_reached', { ticketId: id });
      }
      // A full batch means more are due: come back at once rather than at the next slot.
      if (due.length === BATCH) await ctx.jobs.enqueue(trx, RETURN_PENDING_JOB, {}, { uniqueKey: `${RETURN_PENDING_JOB}:more:${now}` });
    },
  });
  return { jobs: [returnPending], schedules: [{ name: RETURN_PENDING_JOB, job: RETURN_PENDING_JOB, everyMs: 60_000 }] };
}
