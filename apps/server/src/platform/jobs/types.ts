import type { Kysely, Transaction } from 'kysely';
import type { Actor, SystemActorName } from '../actor.ts';

/**
 * A map of job name → payload type. The app binds it to `JobMap` of packages/contracts; the
 * platform itself is schema-free (`any` is the untyped queue the dispatcher and tests use).
 */
export type JobPayloads = object;
/** The job names of a map. */
export type JobNameOf<M extends JobPayloads> = keyof M & string;

/** What a job handler gets: its payload, a transaction that commits together with the job's completion, and who it acts as. */
export interface JobContext<P, DB = any> {
  payload: P;
  /** Effects written here commit atomically with marking the job done: a crash re-runs the job, never half of it. */
  trx: Transaction<DB>;
  /** The job's row; null when an event subscriber runs inline, in the outbox dispatch (no row exists: ADR 0031). */
  jobId: number | null;
  /** This run's attempt, 1-based; 0 for an inline run in the dispatch (a failure there becomes the job, whose attempts count from 1). */
  attempt: number;
  /** The user the job was enqueued for, reloaded now (roles as they are at run time), or the definition's system actor. */
  actor: Actor;
  /**
   * Extends this job's lease by its definition's `leaseMs` from now, for long handlers (IMAP
   * pollers, backups, reindex). Throws LeaseLost when another worker has taken the job over:
   * the handler's writes are rolled back and the job is left to that worker. An inline run holds no
   * lease (the dispatch's transaction holds its event): nothing to extend, it returns at once.
   */
  heartbeat(): Promise<void>;
}

/**
 * What a handler may hand back instead of finishing in its transaction: work that must not hold a
 * transaction open (talking to a mail relay). The runner commits the handler's transaction (the job
 * stays `running` under its lease), then calls `outside()` with no transaction open, then runs the
 * function it returns in a short transaction of its own, together with marking the job done.
 * `outside()` or that record throwing is a failed attempt (back-off, dead after the last). A crash
 * between the two re-runs the whole job once its lease expires: at least once, never half recorded.
 */
export interface JobOutsideWork<DB = any> {
  outside(): Promise<(trx: Transaction<DB>) => Promise<void>>;
}

export interface JobDefinition<P = unknown, DB = any, N extends string = string> {
  name: N;
  /** Returns nothing (done in its transaction), or work to run after it commits (JobOutsideWork). */
  handler(ctx: JobContext<P, DB>): Promise<void | JobOutsideWork<DB>>;
  /** Attempts before the job is marked dead (default 5). */
  maxAttempts?: number;
  /** Delay before retry n (1-based), default exponential with jitter (backoff.ts). */
  backoffMs?(attempt: number): number;
  /** How long a claim holds before another worker may take the job over (default 5 minutes); long handlers call `heartbeat()`. */
  leaseMs?: number;
  /** The system actor of a run without an acting user (default `scheduler`). */
  runsAs?: SystemActorName;
}

/** A definition of one job of map M, its payload typed by its name. */
export type JobDefinitionOf<M extends JobPayloads, DB = any> = { [N in JobNameOf<M>]: JobDefinition<M[N], DB, N> }[JobNameOf<M>];

export interface EnqueueOptions {
  runAt?: number;
  /** A second enqueue with the same key is ignored (idempotent enqueue). */
  uniqueKey?: string;
  maxAttempts?: number;
  /** The user the job acts for: the runner reloads that user's actor when it runs (a gone or inactive user → the job is dead). */
  actingUserId?: number;
}

/** A recurring job declared in code; each slot (e.g. a minute) runs once across all processes. Runs without an acting user. */
export type ScheduleDefinition<M extends JobPayloads = any> = {
  [N in JobNameOf<M>]: { name: string; job: N; everyMs: number; payload?: M[N] };
}[JobNameOf<M>];

export type JobToEnqueue<M extends JobPayloads = any> = {
  [N in JobNameOf<M>]: { name: N; payload: M[N]; options?: EnqueueOptions };
}[JobNameOf<M>];

/** Reloads the actor of a job's acting user at run time (access's, injected by app.ts); null when the user is gone or inactive. */
export type JobActorLoader = (db: Kysely<any>, userId: number) => Promise<Actor | null>;

/**
 * The job queue port. One leased `jobs` table on both dialects (ADR 0003). `DB` types the
 * handlers' transaction and `M` the job names and payloads (AppContext binds them to the app's
 * schema and to contracts' JobMap; the platform stays schema-free).
 */
export interface Jobs<DB = any, M extends JobPayloads = any> {
  /** Identifies this process's claims (`jobs.locked_by`). */
  readonly workerId: string;
  /** Called by installContributions (platform/install.ts); modules return their definitions instead. */
  define(definition: JobDefinitionOf<M, DB>): void;
  /** Whether a job of this name is defined in this process. */
  isDefined(name: string): boolean;
  /** Enqueues inside the caller's transaction (or connection): the job exists only if the caller commits. */
  enqueue<N extends JobNameOf<M>>(db: Kysely<any>, name: N, payload: M[N], options?: EnqueueOptions): Promise<void>;
  /** Several jobs in one statement (the outbox dispatcher's batches); same semantics as enqueue. */
  enqueueMany(db: Kysely<any>, jobs: ReadonlyArray<JobToEnqueue<M>>): Promise<void>;
  /** Whether job `name` is defined and short (no `leaseMs` of its own): only such a job may run inline in the outbox dispatch. */
  isShort(name: string): boolean;
  /**
   * Runs the handler of short job `name` in the caller's transaction, as a run of the job would
   * (its definition's system actor, `runsAs`), with no job row: `jobId` null, `attempt` 0, a
   * heartbeat with no lease to extend. For the outbox dispatcher's inline subscribers (ADR 0031);
   * the caller wraps it in a savepoint and enqueues the job instead when it throws. A handler that
   * hands back outside work throws here: that work needs the job's row to be recorded.
   */
  runInline<N extends JobNameOf<M>>(trx: Transaction<DB>, name: N, payload: M[N]): Promise<void>;
  schedule(definition: ScheduleDefinition<M>): void;
  /** Enqueues the job of every schedule whose current slot no process has taken yet; returns how many it enqueued. */
  tickSchedules(): Promise<number>;
  /** Starts polling/claiming in this process. */
  start(): void;
  /** Stops claiming and waits for the handlers that are running. */
  stop(): Promise<void>;
  /** Tests: run due jobs until none are left (or the limit is reached); returns how many ran. */
  drain(limit?: number): Promise<number>;
}

/** A job's lifecycle: ready → running → done, or back to ready with back-off, or dead after its last attempt. */
export const JOB_STATUSES = ['ready', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
