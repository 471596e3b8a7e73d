import { defineJob, type AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { syncDirectory } from './commands/sync-directory.ts';
import { directoriesDueForSync } from './directories.repository.ts';
import { syncJobKey } from './sync-key.ts';

export const SYNC_JOB = 'sso.sync_directory';
const DUE_JOB = 'sso.sync_due_directories';

/** The sync job (one directory, in the job's transaction) and the minute schedule that enqueues the due ones. */
export function ssoJobs(ctx: AppContext): Pick<Contribution<AppContext>, 'jobs' | 'schedules'> {
  return {
    jobs: [
      defineJob(SYNC_JOB, {
        // A large directory takes a while: the lease outlasts a 10 s bind and a paged listing.
        leaseMs: 15 * 60_000,
        maxAttempts: 3,
        handler: async ({ trx, actor, payload }) => void (await syncDirectory({ ...ctx, db: trx }, { actor, directoryId: payload.directoryId })),
      }),
      defineJob(DUE_JOB, {
        async handler({ trx }) {
          for (const dir of await directoriesDueForSync(trx, ctx.clock.now())) {
            await ctx.jobs.enqueue(trx, SYNC_JOB, { directoryId: dir.id }, { uniqueKey: syncJobKey(dir) });
          }
        },
      }),
    ],
    schedules: [{ name: DUE_JOB, job: DUE_JOB, everyMs: 60_000 }],
  };
}
