import { defineJob, type AppContext } from '../../context.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Contribution } from '../../platform/modules.ts';
import { unassignedOpenTicketIds } from '../tickets/index.ts';
import { autoAssignTicket } from './commands/auto-assign-ticket.ts';
import { autoAssigningGroupIds } from './duty.repository.ts';

export const ASSIGN_WAITING_JOB = 'duty.assign_waiting';
const BATCH = 100;

/**
 * Auto-assignment follows the outbox: a new ticket in a group, or one moved into a group without
 * an agent (a referral), is offered to the group's members on duty. A sweep every minute catches
 * up what waited — nobody was on duty, everyone was at the cap, or an agent came back — oldest first.
 * Every run is as the system, never as the person whose event started it.
 */
export function dutyJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'subscriptions' | 'schedules'> {
  const actor = systemActor('scheduler');
  const assign = (trx: AppContext['db'], ticketId: number) => autoAssignTicket({ ...ctx, db: trx }, { actor, ticketId });
  const jobs = [
    defineJob('duty.assign_created', { handler: async ({ payload, trx }) => void (await assign(trx, payload.payload.ticketId)) }),
    defineJob('duty.assign_moved', {
      async handler({ payload, trx }) {
        const { ticketId, groupId, agentId } = payload.payload;
        if (groupId !== null && agentId === null) await assign(trx, ticketId);
      },
    }),
    defineJob(ASSIGN_WAITING_JOB, {
      async handler({ trx }) {
        for (const groupId of await autoAssigningGroupIds(trx)) {
          for (const ticketId of await unassignedOpenTicketIds(trx, groupId, BATCH)) {
            const outcome = await assign(trx, ticketId);
            // Nobody left to give it to: the rest of this group waits for the next sweep.
            if ('skipped' in outcome && outcome.skipped !== 'not_waiting') break;
          }
        }
      },
    }),
  ];
  return {
    jobs,
    // Inline (ADR 0031): one ticket offered under the group's and agents' row locks, through `trx`; a re-run finds it assigned.
    subscriptions: [
      { event: 'ticket.created', job: 'duty.assign_created', inline: true },
      { event: 'ticket.assigned', job: 'duty.assign_moved', inline: true },
    ],
    schedules: [{ name: ASSIGN_WAITING_JOB, job: ASSIGN_WAITING_JOB, everyMs: 60_000 }],
  };
}
