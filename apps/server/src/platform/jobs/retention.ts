import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import { deleteDispatchedBefore } from '../events/outbox.repository.ts';
import type { Contribution } from '../modules.ts';
import { defineJob } from './define.ts';
import { deleteFinishedJobs } from './jobs.repository.ts';
import { platformSettings } from './settings.ts';
import type { Jobs } from './types.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Rows per DELETE. */
export const RETENTION_CHUNK = 1000;
/** DELETE statements per table and run: a run's transaction stays bounded; a backlog continues in a follow-up run. */
export const RETENTION_CHUNKS_PER_RUN = 20;

/** What one retention run deleted, per kind, and whether any kind has more left (its last chunk was full). */
export interface RetentionResult {
  doneJobs: number;
  deadJobs: number;
  dispatchedEvents: number;
  more: boolean;
}

/**
 * Deletes what the retention settings no longer keep — done jobs, dead jobs, dispatched outbox
 * rows — oldest first, `chunk` rows per statement and at most `chunksPerRun` statements per kind.
 * Ready and running jobs and undispatched events are never touched.
 */
export async function applyRetention(
  db: Kysely<any>,
  input: { now: number; chunk?: number; chunksPerRun?: number },
): Promise<RetentionResult> {
  const chunk = input.chunk ?? RETENTION_CHUNK;
  const chunksPerRun = input.chunksPerRun ?? RETENTION_CHUNKS_PER_RUN;
  const days = async (key: 'jobs.keep_done_days' | 'jobs.keep_dead_days' | 'outbox.keep_dispatched_days') =>
    input.now - (await platformSettings.get(db, key)) * DAY;
  let more = false;
  const inChunks = async (remove: (limit: number) => Promise<number>) => {
    let total = 0;
    for (let i = 0; i < chunksPerRun; i++) {
      const n = await remove(chunk);
      total += n;
      if (n < chunk) return total;
    }
    more = true;
    return total;
  };
  const doneBefore = await days('jobs.keep_done_days');
  const deadBefore = await days('jobs.keep_dead_days');
  const dispatchedBefore = await days('outbox.keep_dispatched_days');
  const doneJobs = await inChunks((limit) => deleteFinishedJobs(db, { status: 'done', before: doneBefore, limit }));
  const deadJobs = await inChunks((limit) => deleteFinishedJobs(db, { status: 'dead', before: deadBefore, limit }));
  const dispatchedEvents = await inChunks((limit) => deleteDispatchedBefore(db, { before: dispatchedBefore, limit }));
  return { doneJobs, deadJobs, dispatchedEvents, more };
}

/**
 * What the platform itself contributes, listed in app.ts beside the modules: its settings group
 * (platformSettings), the retention job and its daily schedule. A run that leaves a backlog
 * enqueues the next run at once, so a large backlog drains in bounded transactions.
 */
export function platformContribution(ports: { jobs: Jobs; clock: Clock }): Contribution {
  return {
    module: 'platform',
    settings: [platformSettings],
    jobs: [
      defineJob('platform.apply_retention', {
        async handler({ trx, jobId }) {
          const result = await applyRetention(trx, { now: ports.clock.now() });
          if (result.more) await ports.jobs.enqueue(trx, 'platform.apply_retention', {}, { uniqueKey: `platform.apply_retention:after:${jobId}` });
        },
      }),
    ],
    schedules: [{ name: 'platform.retention', job: 'platform.apply_retention', everyMs: DAY }],
  };
}
