import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';

/** The contracts' jobs (the expiry notice follows). */
export function contractJobs(_ctx: AppContext): Pick<Contribution, 'jobs' | 'schedules'> {
  return { jobs: [], schedules: [] };
}
