import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DialectSupport } from '../db/dialects/index.ts';
import type { PlatformTables } from '../db/tables.ts';
import type { JobStatus } from './types.ts';

/** All SQL of the job queue (ADR 0003): the `jobs` and `job_schedules` tables. */
type JobsDb = Kysely<PlatformTables>;
export type JobRow = Selectable<PlatformTables['jobs']>;
export type NewJobRow = Insertable<PlatformTables['jobs']>;

const as = (db: Kysely<any>) => db as JobsDb;
/** The job is still running under this claim: (id, worker, attempt) — a lease taken over no longer matches. */
export interface Claim {
  id: number;
  workerId: string;
  attempt: number;
}
function claimHolds(eb: ExpressionBuilder<PlatformTables, 'jobs'>, claim: Claim) {
  return eb.and([eb('id', '=', claim.id), eb('status', '=', 'running'), eb('locked_by', '=', claim.workerId), eb('attempts', '=', claim.attempt)]);
}

const asBigint = (value: number) => sql<number>`cast(${value} as bigint)`;

/** Rows per INSERT: well under both dialects' bound-parameter limits (~14 columns a row). */
const INSERT_CHUNK = 500;

/** Inserts jobs; a row whose unique_key already exists is skipped (ON CONFLICT DO NOTHING on both dialects). */
export async function insertJobs(db: Kysely<any>, rows: readonly NewJobRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await as(db)
      .insertInto('jobs')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .execute();
  }
}

/**
 * Claims up to `limit` due jobs for one worker in one statement: ready jobs whose run_at has come,
 * and running jobs whose lease expired (their worker died). Each claim counts an attempt, so
 * `(locked_by, attempts)` identifies this claim and nothing else. On PostgreSQL the subquery
 * skips rows another worker is claiming at this moment (FOR UPDATE SKIP LOCKED); SQLite has a
 * single writer, so the statement is atomic as it is.
 */
export async function claimJobs(
  db: Kysely<any>,
  dialect: DialectSupport,
  input: { workerId: string; now: number; leaseMs: ReadonlyMap<string, number>; defaultLeaseMs: number; names: readonly string[]; limit: number },
): Promise<JobRow[]> {
  if (input.names.length === 0 || input.limit < 1) return [];
  const { now } = input;
  const custom = [...input.leaseMs].filter(([, ms]) => ms !== input.defaultLeaseMs);
  return as(db)
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: input.workerId,
      // Each definition's own lease: CASE name WHEN … THEN now + its lease … ELSE now + the default.
      locked_until:
        custom.length === 0
          ? now + input.defaultLeaseMs
          : custom
              // Bound values, not literals: the statement's text repeats, so its prepared form is reused
              // (cast: PostgreSQL would type a bare parameter in CASE as text).
              .reduce((c, [name, ms]) => c.when('name', '=', name).then(asBigint(now + ms)), eb.case() as any)
              .else(asBigint(now + input.defaultLeaseMs))
              .end(),
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', [...input.names])
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'ready'), w('run_at', '<=', now)]),
            // An expired lease is retried only while attempts remain: a job that kills or outlives its worker every time must end dead, not loop.
            w.and([w('status', '=', 'running'), w('locked_until', '<', now), w('attempts', '<', w.ref('max_attempts'))]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(input.limit)
        .modifyEnd(sql.raw(dialect.skipLockedClause)),
    )
    .returningAll()
    .execute();
}

/**
 * Marks a job done, in the handler's transaction, only if this worker's claim still holds.
 * Returns false when the lease was taken over: the caller must roll the handler's writes back.
 */
export async function completeJob(trx: Kysely<any>, input: { id: number; workerId: string; attempt: number; now: number }): Promise<boolean> {
  const result = await as(trx)
    .updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, updated_at: input.now, finished_at: input.now })
    .where((eb) => claimHolds(eb, input))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Extends a running job's lease to `until`, only while this worker's claim holds (the heartbeat of
 * long handlers). Returns false when another worker has taken the job over.
 */
export async function extendJobLease(db: Kysely<any>, input: { id: number; workerId: string; attempt: number; until: number; now: number }): Promise<boolean> {
  const result = await as(db)
    .updateTable('jobs')
    .set({ locked_until: input.until, updated_at: input.now })
    .where((eb) => claimHolds(eb, input))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt: back to ready at `retryAt`, or dead. Ignored if the claim no longer holds. */
export async function failJob(
  db: Kysely<any>,
  input: { id: number; workerId: string; attempt: number; now: number; error: string; dead: boolean; retryAt: number },
): Promise<boolean> {
  const result = await as(db)
    .updateTable('jobs')
    .set({
      status: input.dead ? 'dead' : 'ready',
      run_at: input.dead ? input.now : input.retryAt,
      last_error: input.error,
      locked_by: null,
      locked_until: null,
      updated_at: input.now,
      finished_at: input.dead ? input.now : null,
    })
    .where((eb) => claimHolds(eb, input))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes a schedule's slot; true only for the one process (and transaction) whose insert happened. */
export async function takeScheduleSlot(trx: Kysely<any>, input: { name: string; slot: string; now: number }): Promise<boolean> {
  const row = await as(trx)
    .insertInto('job_schedules')
    .values({ name: input.name, slot: input.slot, created_at: input.now })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .returning('slot')
    .executeTakeFirst();
  return row !== undefined;
}

/** Slots older than `before` are no longer needed to keep two processes apart. */
export async function pruneScheduleSlots(trx: Kysely<any>, input: { name: string; before: number }): Promise<void> {
  await as(trx).deleteFrom('job_schedules').where('name', '=', input.name).where('created_at', '<', input.before).execute();
}

/** Jobs whose last allowed attempt lost its lease (the worker died or overran): dead, visible to admins. */
export async function buryAbandonedJobs(db: Kysely<any>, now: number): Promise<number> {
  const result = await as(db)
    .updateTable('jobs')
    .set({ status: 'dead', last_error: 'lease expired on the last attempt (worker died or overran)', locked_by: null, locked_until: null, updated_at: now, finished_at: now })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .where((w) => w('attempts', '>=', w.ref('max_attempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Ready jobs whose name this process does not define and that have waited since before `before`:
 * dead, with a message naming the job, so an admin sees them instead of a queue that never drains.
 * A job another process defines would have been claimed long before (the caller's timeout).
 */
export async function buryUnknownJobs(db: Kysely<any>, input: { known: readonly string[]; before: number; now: number }): Promise<number> {
  if (input.known.length === 0) return 0;
  const result = await as(db)
    .updateTable('jobs')
    .set({ status: 'dead', last_error: 'no running process defines this job', locked_by: null, locked_until: null, updated_at: input.now, finished_at: input.now })
    .where('status', '=', 'ready')
    .where('run_at', '<', input.before)
    .where('name', 'not in', [...input.known])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes up to `limit` finished jobs of one status (done or dead) that finished before `before`,
 * oldest first; returns how many. Callers repeat it in chunks so no statement grows with the table.
 */
export async function deleteFinishedJobs(db: Kysely<any>, input: { status: 'done' | 'dead'; before: number; limit: number }): Promise<number> {
  const result = await as(db)
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb.selectFrom('jobs').select('id').where('status', '=', input.status).where('finished_at', '<', input.before).orderBy('id').limit(input.limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- the admin's view (modules/admin-jobs) ----

/** One page of jobs for the admin, newest first, keyset-paged by id, optionally of one status. */
export function listJobRows(db: Kysely<any>, input: { status: JobStatus | undefined; beforeId: number | undefined; limit: number }): Promise<JobRow[]> {
  let q = as(db).selectFrom('jobs').selectAll();
  if (input.status) q = q.where('status', '=', input.status);
  if (input.beforeId !== undefined) q = q.where('id', '<', input.beforeId);
  return q.orderBy('id', 'desc').limit(input.limit).execute();
}

export function findJobRow(db: Kysely<any>, id: number): Promise<JobRow | undefined> {
  return as(db).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Puts a dead job back in the queue with a fresh set of attempts, due now. The status check makes
 * two concurrent retries (or a retry racing anything else) change the row at most once.
 */
export async function requeueDeadJob(db: Kysely<any>, input: { id: number; now: number }): Promise<boolean> {
  const result = await as(db)
    .updateTable('jobs')
    .set({ status: 'ready', attempts: 0, run_at: input.now, locked_by: null, locked_until: null, finished_at: null, updated_at: input.now })
    .where('id', '=', input.id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many jobs are in each state, and how many ready ones have failed before (waiting to retry): /metrics. */
export async function jobQueueStats(db: Kysely<any>): Promise<{ byStatus: Record<string, number>; retrying: number }> {
  const rows = await (db as Kysely<PlatformTables>)
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('retrying')])
    .groupBy('status')
    .execute();
  const byStatus: Record<string, number> = { ready: 0, running: 0, done: 0, dead: 0 };
  let retrying = 0;
  for (const r of rows) {
    byStatus[r.status] = Number(r.n);
    if (r.status === 'ready') retrying = Number(r.retrying ?? 0);
  }
  return { byStatus, retrying };
}
