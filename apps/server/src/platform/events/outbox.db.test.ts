import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { systemActor, type Actor } from '../actor.ts';
import { transaction } from '../db/index.ts';
import { createLogger } from '../logging/logger.ts';
import { DISPATCH_LIMITS } from './dispatcher.ts';
import { createEventDispatcher, recordEvent, type EventJob } from './index.ts';

let t: TestApp;
const handled: Array<EventJob<'ticket.merged'>> = [];
type Merged = EventJob<'ticket.merged'>;
type TestJobMap = {
  'test.merged_a': Merged;
  'test.merged_b': Merged;
  'test.inline_effect': Merged;
  'test.inline_flaky': Merged;
  'test.inline_slow': Merged;
  'test.inline_long': Merged;
  'test.inline_outside': Merged;
  'test.inline_concurrent': Merged;
};
/** How many test.inline_concurrent handlers run at this moment, and the most there were at once. */
const concurrency = { now: 0, max: 0 };
/** What the inline subscribers saw of their context, per outbox id. */
const seen = new Map<number, { jobId: number | null; attempt: number; actor: Actor; durable: unknown; trx: object }>();
const testJobs = () => withTestJobs<TestJobMap>(t);
const silent = createLogger('silent');

/** The durability this transaction commits with: SQLite's `synchronous` (2 = FULL), PostgreSQL's `synchronous_commit`. */
async function durability(trx: Kysely<any>): Promise<unknown> {
  if (t.dialect === 'sqlite') return Object.values((await sql.raw('pragma synchronous').execute(trx)).rows[0] as object)[0];
  return (await sql<{ v: string }>`select current_setting('synchronous_commit') as v`.execute(trx)).rows[0]!.v;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.ctx.db.schema
    .createTable('inline_effects')
    .addColumn('outbox_id', 'bigint', (c) => c.notNull())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('job_id', 'bigint')
    .execute();
  const { jobs, events } = testJobs();
  jobs.define({
    name: 'test.merged_a',
    async handler({ payload }) {
      handled.push(payload);
    },
  });
  jobs.define({ name: 'test.merged_b', async handler() {} });
  const effect = (trx: Kysely<any>, job: string, outboxId: number, jobId: number | null) =>
    trx.insertInto('inline_effects' as never).values({ outbox_id: outboxId, job, job_id: jobId } as never).execute();
  jobs.define({
    name: 'test.inline_effect',
    runsAs: 'sla',
    async handler({ payload, trx, jobId, attempt, actor, heartbeat }) {
      await heartbeat();
      seen.set(payload.outboxId, { jobId, attempt, actor, durable: await durability(trx), trx });
      await effect(trx, 'effect', payload.outboxId, jobId);
    },
  });
  // Writes, then fails when run inline (odd source tickets only): its write must not survive; as a job it succeeds.
  jobs.define({
    name: 'test.inline_flaky',
    async handler({ payload, trx, jobId }) {
      await effect(trx, 'flaky', payload.outboxId, jobId);
      if (jobId === null && payload.payload.sourceTicketId % 2 === 1) throw new Error('flaky inline');
    },
  });
  jobs.define({
    name: 'test.inline_slow',
    async handler({ payload, trx }) {
      seen.set(payload.outboxId, { jobId: null, attempt: 0, actor: null as never, durable: null, trx });
      // Longer than a dispatch takes new events for (DISPATCH_LIMITS.maxBatchMs).
      await new Promise((r) => setTimeout(r, 15));
    },
  });
  jobs.define({ name: 'test.inline_long', leaseMs: 60_000, async handler() {} });
  // Holds its batch a while (past the time cap: a batch of one), counting the handlers running at once.
  jobs.define({
    name: 'test.inline_concurrent',
    async handler({ payload, trx, jobId }) {
      concurrency.max = Math.max(concurrency.max, ++concurrency.now);
      try {
        await new Promise((r) => setTimeout(r, 15));
        await effect(trx, 'effect', payload.outboxId, jobId);
      } finally {
        concurrency.now--;
      }
    },
  });
  // Hands back outside work (as mail out does): inline it must not run (nor vanish), as a job it runs and is recorded.
  jobs.define({
    name: 'test.inline_outside',
    async handler({ payload, trx, jobId }) {
      await effect(trx, 'before_outside', payload.outboxId, jobId);
      return { outside: async () => async (record) => void (await effect(record, 'outside', payload.outboxId, jobId)) };
    },
  });
  events.subscribe('ticket.merged', 'test.merged_a');
  events.subscribe('ticket.merged', 'test.merged_b');
});
afterAll(() => t.destroy());

/** Records `ticket.merged` events in one committed transaction; returns their outbox ids. */
async function recordMerged(...sources: number[]): Promise<number[]> {
  const before = await lastOutboxId();
  await transaction(t.ctx.db, async (trx) => {
    for (const s of sources) await recordEvent(trx, t.clock, 'ticket.merged', { sourceTicketId: s, targetTicketId: 1, actorUserId: null });
  });
  const rows = await t.ctx.db.selectFrom('outbox').select('id').where('id', '>', before).orderBy('id').execute();
  return rows.map((r) => r.id);
}
async function lastOutboxId(): Promise<number> {
  return (await t.ctx.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirst())?.id ?? 0;
}
const jobsFor = (outboxIds: number[]) =>
  t.ctx.db
    .selectFrom('jobs')
    .select(['name', 'unique_key', 'payload'])
    .where(
      'unique_key',
      'in',
      outboxIds.flatMap((id) => [`test.merged_a:${id}`, `test.merged_b:${id}`]),
    )
    .orderBy('unique_key')
    .execute();

describe('outbox dispatcher', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an event recorded in a transaction that rolls back is never written nor dispatched', async () => {
    const before = await lastOutboxId();
    await expect(
      transaction(t.ctx.db, async (trx) => {
        await recordEvent(trx, t.clock, 'ticket.merged', { sourceTicketId: 99, targetTicketId: 1, actorUserId: null });
        throw new Error('the command failed after recording its event');
      }),
    ).rejects.toThrow('the command failed');
    await t.ctx.events.dispatchPending();
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('id', '>', before).execute()).toEqual([]);
    const stray = await t.ctx.db.selectFrom('jobs').select('payload').where('name', '=', 'test.merged_a').execute();
    expect(stray.some((j) => JSON.parse(j.payload).payload.sourceTicketId === 99)).toBe(false);
  });

  it('dispatching twice creates one job per subscriber and event, and marks the events dispatched', async () => {
    const ids = await recordMerged(10, 11, 12);
    expect(await t.ctx.events.dispatchPending()).toBeGreaterThanOrEqual(3);
    expect(await t.ctx.events.dispatchPending()).toBe(0);
    // Even a dispatcher that sees the same events again (reset by hand) adds no job.
    await t.ctx.db.updateTable('outbox').set({ dispatched_at: null }).where('id', 'in', ids).execute();
    expect(await t.ctx.events.dispatchPending()).toBe(3);

    const jobs = await jobsFor(ids);
    expect(jobs).toHaveLength(6);
    expect(jobs.map((j) => j.unique_key)).toEqual(ids.flatMap((id) => [`test.merged_a:${id}`, `test.merged_b:${id}`]).sort());
    const dispatched = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', ids).execute();
    expect(dispatched.every((d) => d.dispatched_at === t.clock.now())).toBe(true);

    const first = JSON.parse(jobs.find((j) => j.unique_key === `test.merged_a:${ids[0]}`)!.payload);
    expect(first).toEqual({ outboxId: ids[0], event: 'ticket.merged', payload: { sourceTicketId: 10, targetTicketId: 1, actorUserId: null }, occurredAt: t.clock.now() });

    await t.ctx.jobs.drain();
    const mine = handled.filter((h) => ids.includes(h.outboxId));
    // Each event's jobs ran once; in which order is the lanes' affair (id order holds within one lane: next test).
    expect(mine.map((h) => h.payload.sourceTicketId).sort((a, b) => a - b)).toEqual([10, 11, 12]);
  });

  it('one lane dispatches in id order across batches, and marks events nobody subscribes to', async () => {
    const small = createEventDispatcher({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), jobs: t.ctx.jobs, batchSize: 2, lanes: 1 });
    small.subscribe('ticket.merged', 'test.merged_a');
    const ids = await recordMerged(20, 21, 22, 23, 24);
    const unsubscribed = await (async () => {
      const before = await lastOutboxId();
      await transaction(t.ctx.db, (trx) => recordEvent(trx, t.clock, 'ticket.updated', { ticketId: 5, actorUserId: null, fields: ['title'] }));
      return (await t.ctx.db.selectFrom('outbox').select('id').where('id', '>', before).executeTakeFirstOrThrow()).id;
    })();
    expect(await small.dispatchPending()).toBeGreaterThanOrEqual(6);
    const jobs = await t.ctx.db
      .selectFrom('jobs')
      .select(['id', 'unique_key'])
      .where('unique_key', 'in', ids.map((id) => `test.merged_a:${id}`))
      .orderBy('id')
      .execute();
    expect(jobs.map((j) => j.unique_key)).toEqual(ids.map((id) => `test.merged_a:${id}`));
    const row = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', '=', unsubscribed).executeTakeFirstOrThrow();
    expect(row.dispatched_at).not.toBeNull();
    await t.ctx.jobs.drain();
  });

  it('a subscription with `when` makes jobs only of the events it holds for, and marks the others dispatched all the same', async () => {
    const picky = createEventDispatcher({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), jobs: t.ctx.jobs });
    picky.subscribe('ticket.merged', 'test.merged_a', { when: (merged) => merged.sourceTicketId % 2 === 0 });
    const ids = await recordMerged(40, 41, 42);
    expect(await picky.dispatchPending()).toBeGreaterThanOrEqual(3);
    expect((await jobsFor(ids)).map((j) => j.unique_key)).toEqual([`test.merged_a:${ids[0]}`, `test.merged_a:${ids[2]}`]);
    const rows = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.dispatched_at !== null)).toBe(true);
    await t.ctx.jobs.drain();
  });

  it('once started, it dispatches what is pending and is woken by every commit that records an event', async () => {
    const pending = await recordMerged(30);
    const bus = createEventDispatcher({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), jobs: t.ctx.jobs, sweepMs: 60_000 });
    bus.subscribe('ticket.merged', 'test.merged_a');
    bus.start();
    try {
      await waitFor(async () => (await jobsFor(pending)).length > 0);
      const woken = await recordMerged(31);
      await waitFor(async () => (await jobsFor(woken)).length > 0);
    } finally {
      await bus.stop();
    }
    await t.ctx.jobs.drain();
  });
});

const effectsOf = (outboxIds: number[]) =>
  t.ctx.db
    .selectFrom('inline_effects' as never)
    .select(['outbox_id', 'job', 'job_id'] as never)
    .where('outbox_id' as never, 'in', outboxIds as never)
    .orderBy('outbox_id' as never)
    .orderBy('job' as never)
    .execute() as Promise<Array<{ outbox_id: number | string; job: string; job_id: number | string | null }>>;
const keyed = (rows: Array<{ outbox_id: number | string; job: string; job_id: number | string | null }>) => rows.map((r) => `${r.job}:${Number(r.outbox_id)}:${r.job_id === null ? 'inline' : 'job'}`);
const jobRows = (keys: string[]) => t.ctx.db.selectFrom('jobs').select(['unique_key', 'status', 'attempts']).where('unique_key', 'in', keys).orderBy('unique_key').execute();

describe('inline subscribers (ADR 0031)', () => {
  it('run in the dispatch, as a job would (its system actor, no job row, durable commit), committed with dispatched_at; a queued subscriber still gets its job', async () => {
    // One lane: side by side (PostgreSQL), the two events could go to two lanes' transactions.
    const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs, lanes: 1 });
    bus.subscribe('ticket.merged', 'test.inline_effect', { inline: true });
    bus.subscribe('ticket.merged', 'test.merged_b');
    const ids = await recordMerged(50, 52);
    // However loaded the machine, both events fit one batch here (the cap has a test of its own).
    const cap = DISPATCH_LIMITS.maxBatchMs;
    DISPATCH_LIMITS.maxBatchMs = 60_000;
    try {
      expect(await bus.dispatchPending()).toBeGreaterThanOrEqual(2);
    } finally {
      DISPATCH_LIMITS.maxBatchMs = cap;
    }

    expect(keyed(await effectsOf(ids))).toEqual(ids.map((id) => `effect:${id}:inline`));
    expect(await jobRows(ids.map((id) => `test.inline_effect:${id}`))).toEqual([]);
    expect((await jobRows(ids.map((id) => `test.merged_b:${id}`))).map((j) => j.unique_key)).toEqual(ids.map((id) => `test.merged_b:${id}`).sort());
    const rows = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.dispatched_at === t.clock.now())).toBe(true);

    const context = seen.get(ids[0]!)!;
    expect([context.jobId, context.attempt, context.actor]).toEqual([null, 0, systemActor('sla')]);
    // What an inline subscriber writes is what users see: its dispatch waits for the disk (SQLite FULL, PostgreSQL on).
    expect(context.durable).toBe(t.dialect === 'sqlite' ? 2 : 'on');
    // Both events in one transaction (one commit).
    expect(seen.get(ids[1]!)!.trx).toBe(context.trx);

    // Dispatched: a second run neither runs them nor enqueues anything.
    expect(await bus.dispatchPending()).toBe(0);
    expect(await effectsOf(ids)).toHaveLength(2);
    await t.ctx.jobs.drain();
  });

  it('one that throws is rolled back alone and becomes its job, which the queue runs; the others of the batch commit', async () => {
    const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs });
    bus.subscribe('ticket.merged', 'test.inline_flaky', { inline: true });
    bus.subscribe('ticket.merged', 'test.inline_effect', { inline: true });
    const [even, odd, even2] = await recordMerged(60, 61, 62);
    await bus.dispatchPending();

    // The odd event's flaky write is gone with its savepoint; every other write of the batch committed.
    expect(keyed(await effectsOf([even!, odd!, even2!]))).toEqual([
      `effect:${even}:inline`,
      `flaky:${even}:inline`,
      `effect:${odd}:inline`,
      `effect:${even2}:inline`,
      `flaky:${even2}:inline`,
    ]);
    expect(await jobRows([even!, odd!, even2!].flatMap((id) => [`test.inline_flaky:${id}`, `test.inline_effect:${id}`]))).toEqual([
      { unique_key: `test.inline_flaky:${odd}`, status: 'ready', attempts: 0 },
    ]);
    const dispatched = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', [even!, odd!, even2!]).execute();
    expect(dispatched.every((r) => r.dispatched_at !== null)).toBe(true);

    await t.ctx.jobs.drain();
    expect(keyed(await effectsOf([odd!]))).toEqual([`effect:${odd}:inline`, `flaky:${odd}:job`]);
    expect(await jobRows([`test.inline_flaky:${odd}`])).toEqual([{ unique_key: `test.inline_flaky:${odd}`, status: 'done', attempts: 1 }]);
  });

  it('one that hands back outside work is never run inline: it becomes its job, which does the work and records it', async () => {
    const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs });
    bus.subscribe('ticket.merged', 'test.inline_outside', { inline: true });
    const [id] = await recordMerged(80);
    await bus.dispatchPending();
    expect(keyed(await effectsOf([id!]))).toEqual([]);
    expect(await jobRows([`test.inline_outside:${id}`])).toEqual([{ unique_key: `test.inline_outside:${id}`, status: 'ready', attempts: 0 }]);
    await t.ctx.jobs.drain();
    expect(keyed(await effectsOf([id!])).sort()).toEqual([`before_outside:${id}:job`, `outside:${id}:job`]);
  });

  it('a dispatch takes no new event after DISPATCH_LIMITS.maxBatchMs: a slow subscriber gets a transaction per event, and every event is dispatched', async () => {
    const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs });
    bus.subscribe('ticket.merged', 'test.inline_slow', { inline: true });
    const ids = await recordMerged(70, 71, 72);
    expect(await bus.dispatchPending()).toBeGreaterThanOrEqual(3);
    const transactions = new Set(ids.map((id) => seen.get(id)!.trx));
    expect(transactions.size).toBe(3);
    const rows = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.dispatched_at !== null)).toBe(true);
  });

  it('is refused for a job with a lease of its own (a long handler would hold the dispatch)', () => {
    const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs });
    expect(() => bus.subscribe('ticket.merged', 'test.inline_long', { inline: true })).toThrow(/lease of its own/);
    expect(() => bus.subscribe('ticket.merged', 'test.inline_long')).not.toThrow();
  });

  it('runs batches side by side, as many as the dialect has lanes (PostgreSQL 4, SQLite 1), each event once', async () => {
    const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs });
    bus.subscribe('ticket.merged', 'test.inline_concurrent', { inline: true });
    const ids = await recordMerged(...Array.from({ length: 24 }, (_, i) => 300 + i));
    concurrency.now = 0;
    concurrency.max = 0;
    expect(await bus.dispatchPending()).toBeGreaterThanOrEqual(24);
    expect(concurrency.max).toBe(t.ctx.dialect.dispatchLanes);
    expect(t.ctx.dialect.dispatchLanes).toBe(t.dialect === 'postgres' ? 4 : 1);
    const effects = await effectsOf(ids);
    expect(effects.map((e) => Number(e.outbox_id))).toEqual(ids);
  });

  it('two dispatchers at once never run a subscriber twice for one event (PostgreSQL: side by side, SKIP LOCKED; SQLite: one after the other)', async () => {
    const buses = [0, 1].map(() => {
      const bus = createEventDispatcher<TestJobMap>({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: silent, jobs: testJobs().jobs, batchSize: 5 });
      bus.subscribe('ticket.merged', 'test.inline_effect', { inline: true });
      return bus;
    });
    const ids = await recordMerged(...Array.from({ length: 60 }, (_, i) => 100 + i));
    const counts = await Promise.all([...buses, ...buses].map((b) => b.dispatchPending()));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    const effects = await effectsOf(ids);
    expect(effects.map((e) => Number(e.outbox_id))).toEqual(ids);
    expect(effects.every((e) => e.job === 'effect' && e.job_id === null)).toBe(true);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
