import type { JobMap } from '@pishkhan/contracts';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Contribution } from '../modules.ts';
import { defineJob } from './define.ts';
import type { Jobs } from './types.ts';

describe('typed jobs', () => {
  it('an unknown job name, a wrong payload or a subscriber of another event fails the type check', () => {
    // Never called: the assertions are the @ts-expect-error lines, checked by `tsc -b`.
    const typeChecks = (jobs: Jobs<any, JobMap>, db: Kysely<any>) => {
      void jobs.enqueue(db, 'tickets.return_pending', {}, { actingUserId: 1 });
      // @ts-expect-error: no such job
      void jobs.enqueue(db, 'tickets.no_such_job', {});
      // @ts-expect-error: a subscriber job takes an EventJob, not the bare event payload
      void jobs.enqueue(db, 'notifications.ticket_assigned', { ticketId: 1 });
      // @ts-expect-error: no such job
      defineJob('tickets.no_such_job', { async handler() {} });
      const wrong: Contribution = {
        module: 'x',
        // @ts-expect-error: notifications.ticket_assigned takes ticket.assigned events, not ticket.merged
        subscriptions: [{ event: 'ticket.merged', job: 'notifications.ticket_assigned' }],
      };
      return wrong;
    };
    expect(typeof typeChecks).toBe('function');
  });
});
