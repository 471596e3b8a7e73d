import { defineJob, type AppContext } from '../../context.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import type { TicketCommandContext } from './ticket-view.ts';
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
 * returnPendingTicket command in the job's transaction. The sweep is folded into the SLA sweep
 * (`sla.sweep` calls returnDuePendingTickets); the job stays for a full batch's follow-up.
 */
export function ticketJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'schedules'> {
  const returnPending = defineJob(RETURN_PENDING_JOB, {
    async handler({ trx, actor }) {
      const now = ctx.clock.now();
      // A full batch means more are due: come back at once rather than at the next slot.
      if ((await returnDuePendingTickets({ ...ctx, db: trx }, now, actor)) === PENDING_BATCH) await ctx.jobs.enqueue(trx, RETURN_PENDING_JOB, {}, { uniqueKey: `${RETURN_PENDING_JOB}:more:${now}` });
    },
  });
  // No schedule of its own: the SLA sweep (sla.sweep, every minute) returns the due pending tickets (issue 11).
  return { jobs: [returnPending], schedules: [] };
}

/** Tickets the pending-until sweep returns per run. */
export const PENDING_BATCH = BATCH;

/**
 * Returns up to PENDING_BATCH pending tickets whose date is reached to open, each through
 * returnPendingTicket in the caller's transaction (as the `scheduler` system actor unless given);
 * how many it returned. The SLA sweep calls it each minute.
 */
export async function returnDuePendingTickets(ctx: TicketCommandContext, now: number, actor: Actor = systemActor('scheduler')): Promise<number> {
  const due = await duePendingTickets(ctx.db, PENDING_STATUSES, now, BATCH);
  for (const { id } of due) await returnPendingTicket(ctx, { actor, ticketId: id });
  return due.length;
}
