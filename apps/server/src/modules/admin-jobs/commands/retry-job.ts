import type { AdminJob } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { AdminJobsErrors } from '../admin-jobs.errors.ts';
import { assertJobAdmin, jobPolicy } from '../admin-jobs.policy.ts';
import { findJobRow as findJob, requeueDeadJob } from '../../../platform/jobs/index.ts';
import { presentJob } from '../admin-jobs.presenter.ts';
import { authorize } from '../../../platform/policy/index.ts';

/**
 * An admin sends a dead job back to the queue (after fixing what made it fail): status ready,
 * attempts from zero, due now; its last error stays for reference until the next attempt.
 * Any other status → 409 job.not_dead.
 */
export async function retryJob(db: Db, clock: Clock, actor: Actor, id: number): Promise<AdminJob> {
  assertJobAdmin(actor);
  const job = authorize(jobPolicy, actor, 'retry', await findJob(db, id));
  if (!(await requeueDeadJob(db, { id: job.id, now: clock.now() }))) {
    const current = await findJob(db, id);
    throw new DomainError(AdminJobsErrors['job.not_dead'], { status: current?.status ?? job.status });
  }
  return presentJob((await findJob(db, id))!);
}
