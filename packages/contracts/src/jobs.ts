import { Type, type Static } from 'typebox';
import { Id, Instant, Page, PageQuery } from './common.ts';

/** ready → running → done; a failure goes back to ready with back-off, or to dead after the last attempt. */
export const JobStatus = Type.Union([Type.Literal('ready'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')]);
export type JobStatus = Static<typeof JobStatus>;

/** A row of the job queue as an admin sees it (Admin → Jobs). */
export const AdminJob = Type.Object({
  id: Id,
  name: Type.String(),
  status: JobStatus,
  attempts: Type.Integer({ minimum: 0 }),
  maxAttempts: Type.Integer({ minimum: 1 }),
  runAt: Instant,
  /** The last failure's message (never a stack trace). */
  lastError: Type.Union([Type.String(), Type.Null()]),
  lockedBy: Type.Union([Type.String(), Type.Null()]),
  lockedUntil: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
  finishedAt: Type.Union([Instant, Type.Null()]),
  /** The job's input: ids, never secrets. */
  payload: Type.Unknown(),
});
export type AdminJob = Static<typeof AdminJob>;

export const AdminJobsQuery = Type.Object({ status: Type.Optional(JobStatus), ...PageQuery }, { additionalProperties: false });
export type AdminJobsQuery = Static<typeof AdminJobsQuery>;

export const AdminJobsPage = Page(AdminJob);
export type AdminJobsPage = Static<typeof AdminJobsPage>;
