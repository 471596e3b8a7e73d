import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { systemActor } from '../actor.ts';
import type { Clock } from '../clock/index.ts';
import type { DialectSupport } from '../db/dialects/index.ts';
import { inSavepoint } from '../db/savepoint.ts';
import { nextTurn } from '../event-loop.ts';
import { afterCommit, transaction } from '../db/transaction.ts';
import { unitOfWork } from '../commands/command.ts';
import { faultPoint } from '../testing/faults.ts';
import { defaultBackoffMs } from './backoff.ts';
import {
  claimJobs,
  completeJob,
  extendJobLease,
  failJob,
  insertJobs,
  buryAbandonedJobs,
  buryUnknownJobs,
  pruneScheduleSlots,
  takeScheduleSlot,
  type JobRow,
} from './jobs.repository.ts';
import { platformSettings } from './settings.ts';
import type { EnqueueOptions, JobActorLoader, JobDefinition, JobOutsideWork, JobPayloads, JobToEnqueue, Jobs, ScheduleDefinition } from './types.ts';

export interface JobsDeps {
  db: Kysely<any>;
  dialect: DialectSupport;
  clock: Clock;
  logger: Logger;
  /** Defaults to host:pid:random, unique per Jobs instance. */
  workerId?: string;
  /** Handlers running at once in this process (default 4). */
  concurrency?: number;
  /**
   * Short jobs (definitions without their own `leaseMs`) claimed together run under one commit, a
   * savepoint each, up to this many (default 16 on SQLite, whose one writer serialises them
   * anyway and pays a durable commit per transaction; 1 — no batching — on PostgreSQL, whose
   * connections run them side by side).
   */
  batch?: number;
  /** Once woken with nothing claimed, how long more work may gather before the next claim (default: the dialect's `backgroundGatherMs`). */
  gatherMs?: number;
  /** Idle poll interval (default 250 ms); an enqueue in this process wakes the loop earlier. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job over, for definitions without their own `leaseMs` (default 5 minutes). */
  leaseMs?: number;
  /**
   * Reloads the actor of a job's acting user when it runs (app.ts passes access's `actorOfUser`).
   * Without it, a job enqueued for a user cannot run and ends dead.
   */
  loadActor?: JobActorLoader;
  random?: () => number;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const DAY = 24 * HOUR;
const MAX_ERROR_LENGTH = 2000;

/** Thrown inside the job's transaction (by completion or `heartbeat()`) when another worker took the job over: rolls the handler's writes back. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/**
 * The job runner over the leased `jobs` table (ADR 0003): enqueue in the caller's transaction,
 * claim with one UPDATE … RETURNING, run the handler and mark the job done in one transaction,
 * retry with back-off, dead after the last attempt, schedules as (name, slot) rows. `M` types the
 * job names and payloads (app.ts: contracts' JobMap).
 */
export function createJobs<M extends JobPayloads = any>(deps: JobsDeps): Jobs<any, M> {
  const { db, dialect, clock, logger } = deps;
  const workerId = deps.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const batch = Math.max(1, deps.batch ?? dialect.jobBatch);
  const pollMs = deps.pollMs ?? 250;
  const gatherMs = deps.gatherMs ?? dialect.backgroundGatherMs;
  const defaultLeaseMs = deps.leaseMs ?? 5 * 60 * 1000;
  const random = deps.random ?? Math.random;
  const definitions = new Map<string, JobDefinition<any>>();
  const leases = new Map<string, number>();
  const schedules = new Map<string, ScheduleDefinition>();
  /** The last slot of each schedule this process has seen taken (by itself or another process). */
  const seenSlots = new Map<string, number>();
  const active = new Set<Promise<void>>();
  let loop: Promise<void> | null = null;
  let stopping = false;
  let woken = false;
  let wake: (() => void) | null = null;

  function poke(): void {
    woken = true;
    wake?.();
  }

  function idle(ms: number): Promise<void> {
    // Woken already (a job ended, an enqueue): go on, after the event loop's other work — and, where
    // each transaction costs a durable commit, after a moment in which more jobs can gather.
    if (woken) return gatherMs > 0 ? new Promise((resolve) => setTimeout(resolve, gatherMs)) : nextTurn();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });
  }

  async function enqueueMany(target: Kysely<any>, list: ReadonlyArray<JobToEnqueue>): Promise<void> {
    if (list.length === 0) return;
    const now = clock.now();
    await insertJobs(
      target,
      list.map((job) => ({
        name: job.name,
        payload: JSON.stringify(job.payload ?? null),
        status: 'ready',
        run_at: job.options?.runAt ?? now,
        attempts: 0,
        max_attempts: job.options?.maxAttempts ?? definitions.get(job.name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        locked_by: null,
        locked_until: null,
        last_error: null,
        unique_key: job.options?.uniqueKey ?? null,
        acting_user_id: job.options?.actingUserId ?? null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })),
    );
    afterCommit(target, poke);
  }

  async function claim(limit: number, names: string[] = [...definitions.keys()]): Promise<JobRow[]> {
    if (limit < 1 || names.length === 0) return [];
    // A claim lost to a power cut leaves its jobs ready: no need to wait for the disk (withoutFlush).
    const rows = await dialect.withoutFlush(db, (conn) => claimJobs(conn, dialect, { workerId, now: clock.now(), leaseMs: leases, defaultLeaseMs, names, limit }));
    if (rows.length > 0) faultPoint('jobs.after_claim');
    return rows;
  }

  /**
   * The job's handler and its `done`, in the transaction given (the job's own, or a batch's
   * savepoint) — or, when the handler hands back outside work, the handler alone: the job stays
   * running until `finishOutside` records it.
   */
  async function execute(trx: Transaction<any>, job: JobRow): Promise<JobOutsideWork | undefined> {
    const definition = definitions.get(job.name);
    if (!definition) throw new Error(`No handler is defined for job ${job.name}`);
    const payload: unknown = JSON.parse(job.payload);
    const attempt = job.attempts;
    const actor = job.acting_user_id === null ? systemActor(definition.runsAs ?? 'scheduler') : await actingUser(trx, Number(job.acting_user_id));
    const heartbeat = async () => {
      const now = clock.now();
      const until = now + (definition.leaseMs ?? defaultLeaseMs);
      // Through the job's own transaction (SQLite has one connection, which it holds): the write
      // locks the job's row until the job ends — PostgreSQL claimers skip locked rows, SQLite's
      // single writer lock keeps other processes out — so no one can take the job over after it.
      if (!(await extendJobLease(trx, { id: job.id, workerId, attempt, until, now }))) throw new LeaseLost();
    };
    const outside = await definition.handler({ payload, trx, jobId: job.id, attempt, actor, heartbeat });
    if (outside) return outside;
    if (!(await completeJob(trx, { id: job.id, workerId, attempt, now: clock.now() }))) throw new LeaseLost();
    faultPoint('jobs.after_handler_before_commit');
    return undefined;
  }

  /**
   * A handler's outside work, after its transaction committed: run with no transaction open (the
   * job keeps its lease), then its record and the job's `done` in one short unit of work — shared
   * with other writers' commits where the dialect groups them (SQLite). A failure is the attempt's.
   */
  async function finishOutside(job: JobRow, work: JobOutsideWork): Promise<void> {
    try {
      const record = await work.outside();
      faultPoint('jobs.after_outside_before_record');
      const write = async (trx: Kysely<any>) => {
        await record(trx as Transaction<any>);
        if (!(await completeJob(trx, { id: job.id, workerId, attempt: job.attempts, now: clock.now() }))) throw new LeaseLost();
      };
      await unitOfWork(db, write);
    } catch (error) {
      await settle(db, job, error);
    }
  }

  /** Records a failed run (retry with back-off, or dead) through `target`; a lost lease records nothing. */
  async function settle(target: Kysely<any>, job: JobRow, error: unknown): Promise<void> {
    const log = logger.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    if (error instanceof LeaseLost) {
      log.warn('Job lease was taken over by another worker; its effects were rolled back');
      return;
    }
    const definition = definitions.get(job.name);
    const attempt = job.attempts;
    const now = clock.now();
    const dead = attempt >= job.max_attempts || error instanceof ActingUserGone;
    const delay = (definition?.backoffMs ?? ((a: number) => defaultBackoffMs(a, random)))(attempt);
    const message = errorMessage(error);
    try {
      await failJob(target, { id: job.id, workerId, attempt, now, error: message, dead, retryAt: now + delay });
    } catch (recordError) {
      // The lease expires and another claim retries the job.
      log.error({ err: errorMessage(recordError) }, 'Could not record a job failure');
    }
    if (dead) log.error({ err: message }, 'Job failed for the last time and is dead');
    else log.warn({ err: message, retryInMs: delay }, 'Job failed; it will be retried');
  }

  /** Runs one claimed job: the handler's writes and `done` commit together, or neither does. */
  async function runOne(job: JobRow): Promise<void> {
    let outside: JobOutsideWork | undefined;
    try {
      outside = await transaction(db, (trx) => execute(trx, job));
    } catch (error) {
      await settle(db, job, error);
      return;
    }
    if (outside) await finishOutside(job, outside);
  }

  /**
   * Runs short claimed jobs under one commit, each in its own savepoint: a job that fails is rolled
   * back alone and its failure recorded in the same commit; the others' writes and `done` stay.
   * When the commit itself fails nothing of the batch is kept, and the leases expire into retries.
   * Outside work handed back by members runs after the commit, side by side, in this slot.
   */
  async function runBatch(jobs: JobRow[]): Promise<void> {
    if (jobs.length === 1) return runOne(jobs[0]!);
    const outside: Array<[JobRow, JobOutsideWork]> = [];
    try {
      await transaction(db, async (trx) => {
        outside.length = 0;
        for (const [i, job] of jobs.entries()) {
          try {
            const work = await inSavepoint(trx, `job_${i}`, () => execute(trx, job));
            if (work) outside.push([job, work]);
          } catch (error) {
            // Its own savepoint too: on PostgreSQL a failed statement would abort the whole batch.
            await inSavepoint(trx, `job_${i}_failed`, () => settle(trx, job, error)).catch(() => {});
          }
        }
      });
    } catch (error) {
      logger.error({ err: errorMessage(error), jobs: jobs.length }, 'A batch of jobs could not commit; their leases expire and they are retried');
      return;
    }
    await Promise.all(outside.map(([job, work]) => finishOutside(job, work)));
  }

  /** Runs a job or a batch in a slot of `active`, which frees the slot and re-polls when it ends. */
  function occupy(run: () => Promise<void>): void {
    const running: Promise<void> = run().finally(() => {
      active.delete(running);
      poke();
    });
    active.add(running);
  }

  /** Whether claimed jobs of this name may share a commit: short ones, without their own `leaseMs`. */
  const batchable = (name: string) => batch > 1 && definitions.get(name)?.leaseMs === undefined;

  /**
   * Claims due work for `free` slots and starts it; true when it took all it asked for (there may
   * be more). Batching, one slot takes up to `batch` short jobs together, and the other slots take
   * long ones, each alone — so a batch never waits behind, or holds, a long handler's lease.
   */
  async function claimAndStart(free: number): Promise<boolean> {
    if (batch === 1) {
      const claimed = await claim(free);
      for (const job of claimed) occupy(() => runOne(job));
      return claimed.length === free;
    }
    const names = [...definitions.keys()];
    const short = await claim(batch, names.filter(batchable));
    if (short.length > 0) occupy(() => runBatch(short));
    const rest = free - (short.length > 0 ? 1 : 0);
    const long = await claim(rest, names.filter((n) => !batchable(n)));
    for (const job of long) occupy(() => runOne(job));
    return short.length === batch || (rest > 0 && long.length === rest);
  }

  /** The acting user's actor as it is now (roles from the database at run time); never someone else's. */
  async function actingUser(trx: Kysely<any>, userId: number) {
    const actor = deps.loadActor ? await deps.loadActor(trx, userId) : null;
    if (!actor) throw new ActingUserGone(`The user this job acts for (${userId}) is gone or inactive; it does not run as anyone else`);
    return actor;
  }

  /**
   * Jobs dead on arrival at the queue: a last attempt whose lease expired, and ready jobs no
   * process defines that waited longer than `jobs.unknown_dead_after_minutes` (a process that
   * defined them would have claimed them by then). A process that defines no job buries none.
   */
  async function buryStuckJobs(now: number): Promise<void> {
    await buryAbandonedJobs(db, now);
    if (definitions.size === 0) return;
    const minutes = await platformSettings.get(db, 'jobs.unknown_dead_after_minutes');
    await buryUnknownJobs(db, { known: [...definitions.keys()], before: now - minutes * MINUTE, now });
  }

  async function tickSchedules(): Promise<number> {
    let enqueued = 0;
    for (const schedule of schedules.values()) {
      const now = clock.now();
      const slot = Math.floor(now / schedule.everyMs);
      if (seenSlots.get(schedule.name) === slot) continue;
      const taken = await transaction(db, async (trx) => {
        if (!(await takeScheduleSlot(trx, { name: schedule.name, slot: String(slot), now }))) return false;
        await enqueueMany(trx, [{ name: schedule.job, payload: schedule.payload ?? {}, options: { uniqueKey: `schedule:${schedule.name}:${slot}` } }]);
        await pruneScheduleSlots(trx, { name: schedule.name, before: now - Math.max(10 * schedule.everyMs, DAY) });
        return true;
      });
      seenSlots.set(schedule.name, slot);
      if (taken) enqueued++;
    }
    return enqueued;
  }

  async function pollLoop(): Promise<void> {
    let lastBury = 0;
    let failures = 0;
    while (!stopping) {
      woken = false;
      let filled = false;
      try {
        await tickSchedules();
        const free = concurrency - active.size;
        if (free > 0) {
          filled = await claimAndStart(free);
        }
        if (clock.now() - lastBury > MINUTE) {
          lastBury = clock.now();
          await buryStuckJobs(lastBury);
        }
        failures = 0;
      } catch (error) {
        failures++;
        logger.error({ err: errorMessage(error), worker: workerId }, 'Job poll failed');
      }
      if (stopping) break;
      // All free slots filled: there may be more due work; wait only for a slot to free up — and
      // for the event loop's other work first, which a backlog of quick jobs would starve.
      if (filled && active.size < concurrency) {
        await nextTurn();
        continue;
      }
      await idle(failures > 0 ? Math.min(pollMs * 2 ** failures, 30_000) : pollMs);
    }
  }

  return {
    workerId,
    define(definition) {
      if (definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
      if (definition.leaseMs !== undefined && (!Number.isSafeInteger(definition.leaseMs) || definition.leaseMs < 1)) {
        throw new Error(`Job ${definition.name}: leaseMs must be a positive integer`);
      }
      definitions.set(definition.name, definition);
      leases.set(definition.name, definition.leaseMs ?? defaultLeaseMs);
    },
    isDefined: (name) => definitions.has(name),
    isShort: (name) => definitions.has(name) && definitions.get(name)!.leaseMs === undefined,
    async runInline(trx: Transaction<any>, name: string, payload: unknown) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`No handler is defined for job ${name}`);
      if (definition.leaseMs !== undefined) throw new Error(`Job ${name} has a lease of its own and cannot run inline`);
      // No row and no lease: the dispatch's transaction holds the event, and a crash re-runs it whole.
      const outside = await definition.handler({ payload, trx, jobId: null, attempt: 0, actor: systemActor(definition.runsAs ?? 'scheduler'), heartbeat: async () => {} });
      // Outside work needs a job row to record it after its transaction; thrown, the dispatcher rolls
      // this run back to its savepoint and enqueues the job, which does it all (ADR 0031, ADR 0003).
      if (outside) throw new Error(`Job ${name} handed back outside work: it runs as a job, not inline`);
    },
    enqueue: (target: Kysely<any>, name: string, payload: unknown, options?: EnqueueOptions) =>
      enqueueMany(target, [{ name, payload, ...(options ? { options } : {}) } as JobToEnqueue]),
    enqueueMany,
    schedule(definition) {
      if (schedules.has(definition.name)) throw new Error(`Schedule ${definition.name} is declared twice`);
      if (!Number.isSafeInteger(definition.everyMs) || definition.everyMs < 1) throw new Error(`Schedule ${definition.name}: everyMs must be a positive integer`);
      schedules.set(definition.name, definition);
    },
    tickSchedules,
    start() {
      if (loop) return;
      stopping = false;
      loop = pollLoop();
    },
    async stop() {
      stopping = true;
      poke();
      await loop;
      loop = null;
      await Promise.allSettled([...active]);
    },
    async drain(limit = 1000) {
      await buryStuckJobs(clock.now());
      let ran = 0;
      while (ran < limit) {
        const [job] = await claim(1);
        if (!job) break;
        await runOne(job);
        ran++;
      }
      return ran;
    },
  };
}

/** The acting user of a job no longer exists or is inactive: the job is dead at once (retrying cannot help). */
class ActingUserGone extends Error {
  override name = 'ActingUserGone';
}

/** The message only: never a stack, never the payload (which may identify people). */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : error.name + ': '}${error.message}` : String(error);
  return message.length > MAX_ERROR_LENGTH ? message.slice(0, MAX_ERROR_LENGTH) + '…' : message;
}
