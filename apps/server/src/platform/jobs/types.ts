import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../actor.ts';

/** What a job handler gets: its payload, a transaction that commits together with the job's completion, and who it acts as. */
export interface JobContext<P, DB = any> {
  payload: P;
  /** Effects written here commit atomically with marking the job done: a crash re-runs the job, never half of it. */
  trx: Transaction<DB>;
  jobId: number;
  attempt: number;
  actor: Actor;
}

export interface JobDefinition<P = unknown, DB = any> {
  name: string;
  handler(ctx: JobContext<P, DB>): Promise<void>;
  /** Attempts before the job is marked dead (default 5). */
  maxAttempts?: number;
  /** Delay before retry n (1-based), default exponential with jitter (backoff.ts). */
  backoffMs?(attempt: number): number;
}

export interface EnqueueOptions {
  runAt?: number;
  /** A second enqueue with the same key is ignored (idempotent enqueue). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** A recurring job declared in code; each slot (e.g. a minute) runs once across all processes. */
export interface ScheduleDefinition {
  name: string;
  job: string;
  everyMs: number;
  payload?: unknown;
}

/**
 * The job queue port. One leased `jobs` table on both dialects (ADR 0003). `DB` types the
 * handlers' transaction (AppContext binds it to the app's schema; the platform stays schema-free).
 */
export interface Jobs<DB = any> {
  /** Identifies this process's claims (`jobs.locked_by`). */
  readonly workerId: string;
  define<P>(definition: JobDefinition<P, DB>): void;
  /** Enqueues inside the caller's transaction (or connection): the job exists only if the caller commits. */
  enqueue<P>(db: Kysely<any>, name: string, payload: P, options?: EnqueueOptions): Promise<void>;
  /** Several jobs in one statement (the outbox dispatcher's batches); same semantics as enqueue. */
  enqueueMany(db: Kysely<any>, jobs: ReadonlyArray<JobToEnqueue>): Promise<void>;
  schedule(definition: ScheduleDefinition): void;
  /** Enqueues the job of every schedule whose current slot no process has taken yet; returns how many it enqueued. */
  tickSchedules(): Promise<number>;
  /** Starts polling/claiming in this process. */
  start(): void;
  /** Stops claiming and waits for the handlers that are running. */
  stop(): Promise<void>;
  /** Tests: run due jobs until none are left (or the limit is reached); returns how many ran. */
  drain(limit?: number): Promise<number>;
}

export interface JobToEnqueue {
  name: string;
  payload: unknown;
  options?: EnqueueOptions;
}

/** A job's lifecycle: ready → running → done, or back to ready with back-off, or dead after its last attempt. */
export const JOB_STATUSES = ['ready', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
