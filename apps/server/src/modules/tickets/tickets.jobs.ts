import { defineJob, type AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { returnPendingTicket } from './commands/return-pending-ticket.ts';
import { PENDING_STATUSES } from './lifecycle.ts';
import { duePendingTickets } from './tickets.repository.ts';

export const RETURN_PENDING_JOB = 'tickets.return_pending';
const BATCH = 200;

/**
 * Pending-until (DESIGN.md lifecycle): when a pending ticket's date is reached it returns to open
 * and its assignee is notified (ticket.pending_reached). One scheduled sweep reads the
 * (status, pending_until) index — no timer per ticket; each due ticket goes through the
 * returnPendingTicket command in the job's transaction. Returned to registerTickets, installed by app.ts.
 */
export function ticketJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'schedules'> {
  const returnPending = defineJob(RETURN_PENDING_JOB, {
    async handler({ trx, actor }) {
      const now = ctx.clock.now();
      const due = await duePendingTickets(trx, PENDING_STATUSES, now, BATCH);
      for (const { id } of due) await returnPendingTicket({ ...ctx, db: trx }, { actor, ticketId: id });
      // A full batch means more are due: come back at once rather than at the next slot.
      if (due.length === BATCH) await ctx.jobs.enqueue(trx, RETURN_PENDING_JOB, {}, { uniqueKey: `${RETURN_PENDING_JOB}:more:${now}` });
    },
  });
  return { jobs: [returnPending], schedules: [{ name: RETURN_PENDING_JOB, job: RETURN_PENDING_JOB, everyMs: 60_000 }] };
}
