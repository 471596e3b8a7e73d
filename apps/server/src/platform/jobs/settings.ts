import { defineSettings } from '../settings/index.ts';

/**
 * The platform's business settings: how long the job queue and the outbox keep finished rows, and
 * when a job nobody defines gives up. Contributed by `platformContribution` (retention.ts) from
 * app.ts, so bootstrap writes the defaults like any module's.
 */
export const platformSettings = defineSettings({
  /** A ready job whose name no process defines is dead once it has waited this long (a removed or renamed job, or a process that is gone). */
  'jobs.unknown_dead_after_minutes': 60 as number,
  /** Done jobs are deleted this many days after they finished. */
  'jobs.keep_done_days': 7 as number,
  /** Dead jobs (shown in Admin → Jobs until retried) are deleted this many days after they died. */
  'jobs.keep_dead_days': 90 as number,
  /** Dispatched outbox rows are deleted this many days after their dispatch. */
  'outbox.keep_dispatched_days': 7 as number,
});
