import type { JobMap, JobName } from '@pishkhan/contracts';
import type { JobDefinition } from './types.ts';

/**
 * A job definition of the app's JobMap, its payload typed by its name:
 * `defineJob('tickets.return_pending', { handler: async ({ trx }) => … })`. Modules return these
 * from `register*`; installContributions defines them.
 */
export function defineJob<N extends JobName, DB = any>(name: N, definition: Omit<JobDefinition<JobMap[N], DB, N>, 'name'>): JobDefinition<JobMap[N], DB, N> {
  return { ...definition, name };
}
