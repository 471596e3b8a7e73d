import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../actor.ts';

/** What a job handler gets: its payload, a transaction that commits together with the job's completion, and who it acts as. */
export interface JobContext<P> {
  payload: P;
  /** Effects written here commit atomically with marking the job done: a crash re-runs the job, never half of it. */
  trx: Transaction<any>;
  jobId: number;
  attempt: number;
  actor: Actor;
}

export interface JobDefinition<P = unknown> {
  name: string;
  handler(ctx: JobContext<P>): Promise<void>;
  /** Attempts before the job is marked dead (default 5). */
  maxAttempts?: number;
  /** Delay before retry n (1-based), default exponential with jitter. */
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

/** The job queue port. One leased `jobs` table on both dialects (ADR 0003). */
export interface Jobs {
  define<P>(definition: JobDefinition<P>): void;
  /** Enqueues inside the caller's transaction (or connection): the job exists only if the caller commits. */
  enqueue<P>(db: Kysely<any>, name: string, payload: P, options?: EnqueueOptions): Promise<void>;
  schedule(definition: ScheduleDefinition): void;
  /** Starts polling/claiming in this process. */
  start(): void;
  stop(): Promise<void>;
  /** Tests: run due jobs until none are left (or the limit is reached); returns how many ran. */
  drain(limit?: number): Promise<number>;
}
