import type { Selectable } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.ts';
import type { JobStatus } from '../../platform/jobs/index.ts';
import type { Executor } from '../../schema.ts';

/** The admin view of the platform's `jobs` table (read, and retry of dead jobs). */
export type JobRow = Selectable<PlatformTables['jobs']>;

export async function listJobs(db: Executor, input: { status: JobStatus | undefined; beforeId: number | undefined; limit: number }): Promise<JobRow[]> {
  let q = db.selectFrom('jobs').selectAll();
  if (input.status) q = q.where('status', '=', input.status);
  if (input.beforeId !== undefined) q = q.where('id', '<', input.beforeId);
  return q.orderBy('id', 'desc').limit(input.limit).execute();
}

export async function findJob(db: Executor, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Puts a dead job back in the queue with a fresh set of attempts, due now. The status check makes
 * two concurrent retries (or a retry racing anything else) change the row at most once.
 */
export async function requeueDeadJob(db: Executor, input: { id: number; now: number }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'ready', attempts: 0, run_at: input.now, locked_by: null, locked_until: null, finished_at: null, updated_at: input.now })
    .where('id', '=', input.id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
