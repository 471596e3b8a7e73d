import { hasRole, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { JobRow } from '../../platform/jobs/index.ts';
import { type Policy } from '../../platform/policy/index.ts';

export type JobAction = 'retry';

/** The job queue is a system administrator's concern only. */
export const jobPolicy: Policy<JobRow, JobAction> = {
  entity: 'job',
  can: (actor) => hasRole(actor, 'admin'),
};

/**
 * The admin area as a whole: anyone else signed in — agent of any other role or contact — gets
 * 403 before any job is looked up, so job ids reveal nothing.
 */
export function assertJobAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('jobs.administer');
}
