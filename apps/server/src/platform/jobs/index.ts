/** The job queue: one leased `jobs` table on both dialects (ADR 0003). See README.md. */
export { createJobs, LeaseLost, type JobsDeps } from './runner.ts';
export { defineJob } from './define.ts';
export { defaultBackoffMs } from './backoff.ts';
export { JOB_STATUSES } from './types.ts';
export type {
  Jobs,
  JobDefinition,
  JobDefinitionOf,
  JobContext,
  JobOutsideWork,
  JobActorLoader,
  JobPayloads,
  EnqueueOptions,
  ScheduleDefinition,
  JobToEnqueue,
  JobStatus,
} from './types.ts';
/** The admin's view of the queue (modules/admin-jobs): list, find, and requeue a dead job. */
export { listJobRows, findJobRow, requeueDeadJob, type JobRow } from './jobs.repository.ts';
/** Retention (done and dead jobs, dispatched outbox rows) and the platform's own contribution for app.ts. */
export { applyRetention, platformContribution, type RetentionResult } from './retention.ts';
export { platformSettings } from './settings.ts';
