import type { Actor } from '../../../platform/actor.ts';
import { defineCommand, type CommandContext } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { findJobRow as findJob, requeueDeadJob, type JobRow } from '../../../platform/jobs/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { AdminJobsErrors } from '../admin-jobs.errors.ts';
import { assertJobAdmin, jobPolicy } from '../admin-jobs.policy.ts';

/**
 * An admin sends a dead job back to the queue (after fixing what made it fail): status ready,
 * attempts from zero, due now; its last error stays for reference until the next attempt.
 * Any other status → 409 job.not_dead. Returns the job row as it now is.
 */
export const retryJob = defineCommand('job.retry', async (ctx: CommandContext, input: { actor: Actor; id: number }): Promise<JobRow> => {
  assertJobAdmin(input.actor);
  const job = authorize(jobPolicy, input.actor, 'retry', await findJob(ctx.db, input.id));
  if (!(await requeueDeadJob(ctx.db, { id: job.id, now: ctx.clock.now() }))) {
    const current = await findJob(ctx.db, input.id);
    throw new DomainError(AdminJobsErrors['job.not_dead'], { status: current?.status ?? job.status });
  }
  return (await findJob(ctx.db, input.id))!;
});
