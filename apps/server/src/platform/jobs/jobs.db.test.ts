import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, json, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { makeAgent, signIn, type Client } from '../../../test/factories.ts';
import { openDatabase, transaction } from '../db/index.ts';
import { createLogger } from '../logging/logger.ts';
import type { Actor } from '../actor.ts';
import { createJobs, LeaseLost, type JobContext } from './index.ts';

let t: TestApp;
let admin: Client;
let analyst: Client;
/** What the flaky job does on its next run. */
let flakyFails = true;
const LEASE_MS = 5 * 60 * 1000;
type TestJobs = { 'test.effect': { tag: string }; 'test.flaky': object; 'test.as_user': { tag: string } };
/** The actors `test.as_user` ran as, by tag. */
const ranAs = new Map<string, Actor>();
/** The app's queue, typed to take this file's test jobs. */
let jobs: ReturnType<typeof withTestJobs<TestJobs>>['jobs'];

beforeAll(async () => {
  t = await createTestApp();
  jobs = withTestJobs<TestJobs>(t).jobs;
  await t.ctx.db.schema
    .createTable('job_effects')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('job_id', 'bigint', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .execute();
  jobs.define({
    name: 'test.effect',
    async handler({ trx, payload, jobId, attempt, actor }) {
      if (actor.kind !== 'system' || actor.name !== 'scheduler') throw new Error('jobs must act as the scheduler');
      await insertEffect(trx, payload.tag, jobId, attempt);
    },
  });
  jobs.define({
    name: 'test.flaky',
    maxAttempts: 3,
    async handler({ trx, jobId, attempt }) {
      await insertEffect(trx, 'flaky', jobId, attempt);
      if (flakyFails) throw new Error('boom: the mail server said no');
    },
  });
  jobs.define({
    name: 'test.as_user',
    maxAttempts: 3,
    async handler({ payload, actor }) {
      ranAs.set(payload.tag, actor);
    },
  });
  const a = await makeAgent(t, { roles: ['admin'] });
  const b = await makeAgent(t, { roles: ['analyst', 'supervisor', 'manager'] });
  admin = await signIn(t.app, a.email);
  analyst = await signIn(t.app, b.email);
});
afterAll(() => t.destroy());

function insertEffect(db: any, job: string, jobId: number | null, attempt: number) {
  return db.insertInto('job_effects').values({ job, job_id: jobId, attempt }).execute();
}
const effects = async (job: string) =>
  (await (t.ctx.db as any).selectFrom('job_effects').selectAll().where('job', '=', job).execute()) as Array<{ job_id: number; attempt: number }>;
const jobsNamed = (name: string) => t.ctx.db.selectFrom('jobs').selectAll().where('name', '=', name).orderBy('id').execute();

describe('jobs', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an enqueue inside a transaction that rolls back leaves no job; a committed one runs once', async () => {
    await expect(
      transaction(t.ctx.db, async (trx) => {
        await jobs.enqueue(trx, 'test.effect', { tag: 'rolled-back' });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    await transaction(t.ctx.db, (trx) => jobs.enqueue(trx, 'test.effect', { tag: 'committed' }));
    const rows = (await jobsNamed('test.effect')).filter((j) => ['rolled-back', 'committed'].includes(JSON.parse(j.payload).tag));
    expect(rows.map((j) => JSON.parse(j.payload).tag)).toEqual(['committed']);
    expect(await jobs.drain()).toBeGreaterThanOrEqual(1);
    expect(await effects('rolled-back')).toEqual([]);
    expect((await effects('committed')).map((e) => e.attempt)).toEqual([1]);
    expect((await jobsNamed('test.effect')).find((j) => JSON.parse(j.payload).tag === 'committed')!.status).toBe('done');
  });

  it('a unique key makes a second enqueue a no-op, also within one batch', async () => {
    await jobs.enqueue(t.ctx.db, 'test.effect', { tag: 'unique-1' }, { uniqueKey: 'u:1' });
    await jobs.enqueue(t.ctx.db, 'test.effect', { tag: 'unique-2' }, { uniqueKey: 'u:1' });
    await jobs.enqueueMany(t.ctx.db, [
      { name: 'test.effect', payload: { tag: 'unique-3' }, options: { uniqueKey: 'u:2' } },
      { name: 'test.effect', payload: { tag: 'unique-4' }, options: { uniqueKey: 'u:2' } },
    ]);
    const keyed = await t.ctx.db.selectFrom('jobs').select(['unique_key', 'payload']).where('unique_key', 'in', ['u:1', 'u:2']).orderBy('unique_key').execute();
    expect(keyed.map((k) => [k.unique_key, JSON.parse(k.payload).tag])).toEqual([
      ['u:1', 'unique-1'],
      ['u:2', 'unique-3'],
    ]);
    await jobs.drain();
  });

  it('a failing handler is rolled back, retried with back-off, dead after max attempts, listed for admins and retried by them', async () => {
    flakyFails = true;
    await jobs.enqueue(t.ctx.db, 'test.flaky', {});
    const [created] = await jobsNamed('test.flaky');
    const id = created!.id;
    const row = async () => (await jobsNamed('test.flaky')).find((j) => j.id === id)!;

    expect(await jobs.drain()).toBe(1);
    let job = await row();
    expect([job.status, job.attempts, job.last_error]).toEqual(['ready', 1, 'boom: the mail server said no']);
    // Back-off 1 s (+ up to 25 % jitter) after the first failure.
    expect(job.run_at - t.clock.now()).toBeGreaterThanOrEqual(1000);
    expect(job.run_at - t.clock.now()).toBeLessThanOrEqual(1250);
    expect(await jobs.drain()).toBe(0);
    t.clock.advance(999);
    expect(await jobs.drain()).toBe(0);
    t.clock.advance(251);
    expect(await jobs.drain()).toBe(1);
    job = await row();
    expect([job.status, job.attempts]).toEqual(['ready', 2]);
    expect(job.run_at - t.clock.now()).toBeGreaterThanOrEqual(2000);
    expect(job.run_at - t.clock.now()).toBeLessThanOrEqual(2500);
    t.clock.advance(2500);
    expect(await jobs.drain()).toBe(1);
    job = await row();
    expect([job.status, job.attempts, job.locked_by]).toEqual(['dead', 3, null]);
    expect(job.finished_at).toBe(t.clock.now());
    t.clock.advance(24 * 60 * 60 * 1000);
    expect(await jobs.drain()).toBe(0);
    // Each failed attempt's writes were rolled back with it.
    expect(await effects('flaky')).toEqual([]);

    const dead = await admin.get('/api/v1/admin/jobs?status=dead');
    expect(dead.statusCode).toBe(200);
    const listed = json(dead).items.find((j: any) => j.id === id);
    expect(listed).toMatchObject({ name: 'test.flaky', status: 'dead', attempts: 3, maxAttempts: 3, lastError: 'boom: the mail server said no' });
    expect(json(dead).items.every((j: any) => j.status === 'dead')).toBe(true);
    expect((await analyst.get('/api/v1/admin/jobs?status=dead')).statusCode).toBe(403);
    expect((await analyst.post(`/api/v1/admin/jobs/${id}/retry`)).statusCode).toBe(403);

    flakyFails = false;
    const retried = await admin.post(`/api/v1/admin/jobs/${id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(json(retried)).toMatchObject({ id, status: 'ready', attempts: 0 });
    expect((await admin.post(`/api/v1/admin/jobs/${id}/retry`)).json().code).toBe('job.not_dead');
    expect(await jobs.drain()).toBe(1);
    expect([(await row()).status, (await row()).attempts]).toEqual(['done', 1]);
    expect((await effects('flaky')).map((e) => e.job_id)).toEqual([id]);
  });

  it('a job whose worker dies on its last attempt ends dead instead of being claimed for ever', async () => {
    await jobs.enqueue(t.ctx.db, 'test.effect', { tag: 'abandoned' }, { maxAttempts: 2 });
    const [job] = await jobsNamed('test.effect').then((rows) => rows.filter((r) => r.payload.includes('abandoned')));
    // As if two workers in turn claimed it and died: both attempts used, the last lease expired.
    await t.ctx.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 2, locked_by: 'dead-worker', locked_until: t.clock.now() - 1 })
      .where('id', '=', job!.id)
      .execute();
    await jobs.drain();
    const after = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', job!.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('dead');
    expect(after.last_error).toMatch(/lease expired/);
    expect(await effects('abandoned')).toEqual([]);
  });

  it('a job whose lease was taken over cannot complete twice: the slow worker rolls back', async () => {
    const other = openDatabase<any>(t.testDb.config);
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let firstStarted!: () => void;
      const started = new Promise<void>((r) => (firstStarted = r));
      const handler = async ({ trx, jobId, attempt }: any) => {
        if (attempt === 1) {
          firstStarted();
          await gate;
        }
        await insertEffect(trx, 'lease', jobId, attempt);
      };
      const logger = createLogger('silent');
      const slow = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: 'slow' });
      const fast = createJobs({ db: other.kysely, dialect: other.dialect, clock: t.clock, logger, workerId: 'fast' });
      slow.define({ name: 'test.lease', handler });
      fast.define({ name: 'test.lease', handler });
      await slow.enqueue(t.ctx.db, 'test.lease', {});

      const slowRun = slow.drain(1);
      await started;
      t.clock.advance(LEASE_MS + 1);
      expect(await fast.drain(1)).toBe(1);
      release();
      expect(await slowRun).toBe(1);

      const [job] = await jobsNamed('test.lease');
      expect([job!.status, job!.attempts, job!.locked_by]).toEqual(['done', 2, null]);
      expect((await effects('lease')).map((e) => e.attempt)).toEqual([2]);
    } finally {
      await other.close();
    }
  });

  it('two runners ticking the same schedule slot enqueue its job once; the next slot once more', async () => {
    const logger = createLogger('silent');
    const a = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: 'a' });
    const b = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: 'b' });
    const every = 60_000;
    for (const jobs of [a, b]) jobs.schedule({ name: 'test.minutely', job: 'test.effect', everyMs: every, payload: { tag: 'tick' } });
    t.clock.set(Math.ceil(t.clock.now() / every) * every + 10);

    const first = await Promise.all([a.tickSchedules(), b.tickSchedules()]);
    expect(first[0] + first[1]).toBe(1);
    expect(await a.tickSchedules()).toBe(0);
    t.clock.advance(every - 20);
    expect((await a.tickSchedules()) + (await b.tickSchedules())).toBe(0);
    t.clock.advance(20);
    expect((await b.tickSchedules()) + (await a.tickSchedules())).toBe(1);

    const ticks = (await jobsNamed('test.effect')).filter((j) => j.unique_key?.startsWith('schedule:test.minutely:'));
    expect(ticks).toHaveLength(2);
    expect(ticks.every((j) => JSON.parse(j.payload).tag === 'tick')).toBe(true);
    const slots = await t.ctx.db.selectFrom('job_schedules').select('slot').where('name', '=', 'test.minutely').execute();
    expect(slots).toHaveLength(2);
    await jobs.drain();
  });

  it('the poll loop runs enqueued jobs, and stop() waits for a running handler', async () => {
    const logger = createLogger('silent');
    const runner = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: 'loop', pollMs: 20 });
    let finished = 0;
    let begun!: () => void;
    const running = new Promise<void>((r) => (begun = r));
    runner.define({
      name: 'test.slow',
      async handler({ trx, jobId, attempt }) {
        begun();
        await new Promise((r) => setTimeout(r, 100));
        await insertEffect(trx, 'slow', jobId, attempt);
        finished++;
      },
    });
    runner.start();
    await runner.enqueue(t.ctx.db, 'test.slow', {});
    await running;
    await runner.stop();
    expect(finished).toBe(1);
    const [job] = await jobsNamed('test.slow');
    expect(job!.status).toBe('done');
    expect(await effects('slow')).toHaveLength(1);
  });

  it('a job enqueued for a user runs as that user, with the roles the database holds when it runs', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    await jobs.enqueue(t.ctx.db, 'test.as_user', { tag: 'promoted' }, { actingUserId: agent.userId });
    const [row] = (await jobsNamed('test.as_user')).filter((j) => j.payload.includes('promoted'));
    expect(Number(row!.acting_user_id)).toBe(agent.userId);
    // Promoted after the enqueue: the job sees the roles of run time, not of enqueue time.
    await t.ctx.db.insertInto('agent_roles').values({ agent_id: agent.agentId!, role: 'supervisor' }).execute();
    await jobs.drain();
    const actor = ranAs.get('promoted');
    expect(actor).toMatchObject({ kind: 'user', userId: agent.userId, email: agent.email, via: 'job' });
    expect(actor?.kind === 'user' && [...actor.agent!.roles].sort()).toEqual(['analyst', 'supervisor']);
    // Without an acting user: the system actor (the scheduler unless the definition names another).
    await jobs.enqueue(t.ctx.db, 'test.as_user', { tag: 'system' });
    await jobs.drain();
    expect(ranAs.get('system')).toMatchObject({ kind: 'system', name: 'scheduler' });
  });

  it('a job whose acting user is gone or inactive is dead at once, never run as someone else', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    await jobs.enqueue(t.ctx.db, 'test.as_user', { tag: 'deactivated' }, { actingUserId: agent.userId });
    await jobs.enqueue(t.ctx.db, 'test.as_user', { tag: 'unknown' }, { actingUserId: 987_654 });
    await t.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', agent.userId).execute();
    await jobs.drain();
    for (const tag of ['deactivated', 'unknown']) {
      const [row] = (await jobsNamed('test.as_user')).filter((j) => j.payload.includes(tag));
      expect([row!.status, row!.attempts]).toEqual(['dead', 1]);
      expect(row!.last_error).toMatch(/^ActingUserGone: The user this job acts for \(\d+\) is gone or inactive/);
      expect(ranAs.has(tag)).toBe(false);
    }
  });

  it('short jobs claimed together share one commit, a savepoint each: a failing one is rolled back and retried alone, a long one runs on its own', async () => {
    const logger = createLogger('silent');
    // Paused on purpose: every job is due before the loop claims, so they land in batches.
    const runner = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: 'batch', pollMs: 20, batch: 4 });
    const transactions = new Map<string, unknown>();
    let longBatchedWith: unknown = null;
    runner.define({
      name: 'test.batched',
      maxAttempts: 2,
      async handler({ trx, payload, jobId, attempt }) {
        transactions.set((payload as { tag: string }).tag, trx);
        await insertEffect(trx, `batched:${(payload as { tag: string }).tag}`, jobId, attempt);
        if ((payload as { tag: string }).tag === 'bad' && attempt === 1) throw new Error('boom: this one only');
      },
    });
    runner.define({
      name: 'test.long',
      leaseMs: 60_000,
      async handler({ trx, jobId, attempt }) {
        longBatchedWith = [...transactions.values()].includes(trx) ? 'shared' : 'alone';
        await insertEffect(trx, 'long', jobId, attempt);
      },
    });
    const tags = ['a', 'bad', 'c', 'd', 'e', 'f'];
    await transaction(t.ctx.db, async (trx) => {
      for (const tag of tags) await runner.enqueue(trx, 'test.batched', { tag });
      await runner.enqueue(trx, 'test.long', {});
    });
    runner.start();
    await vi.waitFor(async () => expect(await effects('long')).toHaveLength(1), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await jobsNamed('test.batched')).filter((j) => j.status === 'done')).toHaveLength(5), { timeout: 10_000 });
    await runner.stop();
    // The first four shared one transaction (one commit), the rest another; the long job had its own.
    expect(new Set(['a', 'bad', 'c', 'd'].map((tag) => transactions.get(tag))).size).toBe(1);
    expect(transactions.get('e')).toBe(transactions.get('f'));
    expect(transactions.get('e')).not.toBe(transactions.get('a'));
    expect(longBatchedWith).toBe('alone');
    // The failing job's write was rolled back with its savepoint, its failure recorded in the batch's
    // commit; the others' writes stayed.
    for (const tag of ['a', 'c', 'd', 'e', 'f']) expect(await effects(`batched:${tag}`)).toHaveLength(1);
    expect(await effects('batched:bad')).toHaveLength(0);
    const bad = (await jobsNamed('test.batched')).find((j) => j.status !== 'done')!;
    expect(bad).toMatchObject({ status: 'ready', attempts: 1 });
    expect(bad.last_error).toContain('boom: this one only');
  });

  it('a backlog of quick jobs leaves the event loop its turns (a timer fires while the backlog runs)', async () => {
    const runner = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), workerId: 'turns', pollMs: 20 });
    let ran = 0;
    runner.define({ name: 'test.quick', handler: async () => void ran++ });
    const N = 600;
    await transaction(t.ctx.db, (trx) => runner.enqueueMany(trx, Array.from({ length: N }, () => ({ name: 'test.quick', payload: {} }))));
    runner.start();
    // A timer stands for everything else the server does (an HTTP request, a socket): it must not
    // wait for the whole backlog, which better-sqlite3's synchronous answers would otherwise run
    // in one unbroken chain of microtasks.
    const ranWhenTimerFired = await new Promise<number>((resolve) => setTimeout(() => resolve(ran), 0));
    await vi.waitFor(() => expect(ran).toBe(N), { timeout: 30_000 });
    await runner.stop();
    expect(ranWhenTimerFired).toBeLessThan(N);
  });

  describe('leases per definition, with a heartbeat', () => {
    const SHORT_LEASE = 1000;
    /** Two runners on two connections, both defining `name` with a 1 s lease; `slow`'s first run waits inside its handler. */
    async function twoRunners(name: string, firstRun: (ctx: JobContext<object>) => Promise<void>) {
      const other = openDatabase<any>(t.testDb.config);
      const logger = createLogger('silent');
      const slow = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: `${name}:slow` });
      const fast = createJobs({ db: other.kysely, dialect: other.dialect, clock: t.clock, logger, workerId: `${name}:fast` });
      const handler = async (ctx: JobContext<object>) => {
        if (ctx.attempt === 1) await firstRun(ctx);
        await insertEffect(ctx.trx, name, ctx.jobId, ctx.attempt);
      };
      slow.define({ name, handler, leaseMs: SHORT_LEASE });
      fast.define({ name, handler, leaseMs: SHORT_LEASE });
      await slow.enqueue(t.ctx.db, name, {});
      return { slow, fast, close: () => other.close() };
    }

    it('the claim holds for the definition’s lease: a handler that does not heartbeat is taken over after 1 s', async () => {
      let fastRan = -1;
      const runners = await twoRunners('test.short_lease', async () => {
        t.clock.advance(SHORT_LEASE - 1);
        expect(await runners.fast.drain(1)).toBe(0);
        t.clock.advance(2);
        fastRan = await runners.fast.drain(1);
      });
      try {
        expect(await runners.slow.drain(1)).toBe(1);
        expect(fastRan).toBe(1);
        const [job] = await jobsNamed('test.short_lease');
        expect([job!.status, job!.attempts, job!.locked_by]).toEqual(['done', 2, null]);
        expect((await effects('test.short_lease')).map((e) => e.attempt)).toEqual([2]);
      } finally {
        await runners.close();
      }
    });

    it('a handler that heartbeats keeps its claim past its 1 s lease; a lost claim makes heartbeat() throw', async () => {
      let fastRan = -1;
      let leaseAfterBeat = 0;
      const runners = await twoRunners('test.heartbeat', async ({ heartbeat, trx, jobId }) => {
        t.clock.advance(SHORT_LEASE - 100);
        await heartbeat();
        leaseAfterBeat = Number((await trx.selectFrom('jobs').select('locked_until').where('id', '=', jobId).executeTakeFirstOrThrow()).locked_until);
        t.clock.advance(SHORT_LEASE - 100);
        await heartbeat();
        // PostgreSQL: another worker skips the row the heartbeat locked. SQLite has one writer: the
        // heartbeat's write keeps every other connection's claim out until this job commits, so
        // the second runner can only look after the commit (below).
        if (t.dialect !== 'sqlite') fastRan = await runners.fast.drain(1);
      });
      try {
        const claimedAt = t.clock.now();
        expect(await runners.slow.drain(1)).toBe(1);
        expect(leaseAfterBeat).toBe(claimedAt + SHORT_LEASE - 100 + SHORT_LEASE);
        if (t.dialect !== 'sqlite') expect(fastRan).toBe(0);
        expect(await runners.fast.drain(1)).toBe(0);
        const [job] = await jobsNamed('test.heartbeat');
        expect([job!.status, job!.attempts]).toEqual(['done', 1]);
        expect((await effects('test.heartbeat')).map((e) => e.attempt)).toEqual([1]);
      } finally {
        await runners.close();
      }
    });

    it('heartbeat() of a claim another worker took over throws LeaseLost and rolls the handler back', async () => {
      let beat: unknown;
      const runners = await twoRunners('test.lost_heartbeat', async ({ heartbeat }) => {
        t.clock.advance(SHORT_LEASE + 1);
        expect(await runners.fast.drain(1)).toBe(1);
        beat = await heartbeat().catch((error: unknown) => error);
        throw beat;
      });
      try {
        expect(await runners.slow.drain(1)).toBe(1);
        expect(beat).toBeInstanceOf(LeaseLost);
        const [job] = await jobsNamed('test.lost_heartbeat');
        expect([job!.status, job!.attempts, job!.last_error]).toEqual(['done', 2, null]);
        expect((await effects('test.lost_heartbeat')).map((e) => e.attempt)).toEqual([2]);
      } finally {
        await runners.close();
      }
    });
  });
});

describe('work outside the transaction (JobOutsideWork)', () => {
  it('runs after the batch commits with no transaction open, is recorded with done in a short one, and its failure is the attempt’s', async () => {
    const logger = createLogger('silent');
    const runner = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: 'outside', pollMs: 20, batch: 4 });
    /** Per tag: how many handler writes the root db saw when outside() ran (1 = the handler's transaction had committed). */
    const seen = new Map<string, number>();
    const transactions = new Map<string, unknown>();
    runner.define({
      name: 'test.outside',
      maxAttempts: 3,
      backoffMs: () => 1000,
      async handler({ trx, payload, jobId, attempt }) {
        const { tag } = payload as { tag: string };
        transactions.set(tag, trx);
        await insertEffect(trx, `outside:handler:${tag}`, jobId, attempt);
        return {
          async outside() {
            // On the root db: with a transaction still open this would wait (SQLite: for ever).
            seen.set(tag, (await effects(`outside:handler:${tag}`)).length);
            if (tag === 'fails' && attempt === 1) throw new Error('relay down: connection refused');
            return (record) => insertEffect(record, `outside:recorded:${tag}`, jobId, attempt);
          },
        };
      },
    });
    runner.define({
      name: 'test.inside',
      async handler({ trx, jobId, attempt }) {
        transactions.set('inside', trx);
        await insertEffect(trx, 'outside:inside', jobId, attempt);
      },
    });
    await transaction(t.ctx.db, async (trx) => {
      for (const tag of ['a', 'fails', 'b']) await runner.enqueue(trx, 'test.outside', { tag });
      await runner.enqueue(trx, 'test.inside', {});
    });
    runner.start();
    await vi.waitFor(async () => expect((await jobsNamed('test.outside')).filter((j) => j.status !== 'running' && j.attempts === 1)).toHaveLength(3), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await jobsNamed('test.inside'))[0]?.status).toBe('done'), { timeout: 10_000 });
    await runner.stop();

    // One batch (a short job with outside work is still a short job): one transaction for all four.
    expect(new Set(['a', 'fails', 'b', 'inside'].map((tag) => transactions.get(tag))).size).toBe(1);
    expect(Object.fromEntries(seen)).toEqual({ a: 1, fails: 1, b: 1 });
    for (const tag of ['a', 'b']) expect((await effects(`outside:recorded:${tag}`)).map((e) => e.attempt)).toEqual([1]);
    const byTag = async () => Object.fromEntries((await jobsNamed('test.outside')).map((j) => [JSON.parse(j.payload).tag, j]));
    let rows = await byTag();
    expect([rows.a!.status, rows.b!.status]).toEqual(['done', 'done']);
    // The failed outside work: nothing recorded, retried with the definition's back-off.
    expect(await effects('outside:recorded:fails')).toEqual([]);
    expect(rows.fails).toMatchObject({ status: 'ready', attempts: 1, run_at: t.clock.now() + 1000 });
    expect(rows.fails!.last_error).toContain('relay down');

    t.clock.advance(1001);
    expect(await runner.drain(1)).toBe(1);
    rows = await byTag();
    expect([rows.fails!.status, rows.fails!.attempts]).toEqual(['done', 2]);
    expect((await effects('outside:recorded:fails')).map((e) => e.attempt)).toEqual([2]);
  });

  it('a record that fails is a failed attempt: rolled back, and the outside work runs again on the retry', async () => {
    const runner = createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), workerId: 'outside-record', batch: 4 });
    let outsideRuns = 0;
    runner.define({
      name: 'test.outside_record',
      backoffMs: () => 1000,
      async handler({ jobId, attempt }) {
        return {
          async outside() {
            outsideRuns++;
            return async (record) => {
              await insertEffect(record, 'outside:record', jobId, attempt);
              if (attempt === 1) throw new Error('record failed');
            };
          },
        };
      },
    });
    await transaction(t.ctx.db, (trx) => runner.enqueue(trx, 'test.outside_record', {}));
    expect(await runner.drain(1)).toBe(1);
    expect(outsideRuns).toBe(1);
    expect(await effects('outside:record')).toEqual([]);
    expect((await jobsNamed('test.outside_record'))[0]).toMatchObject({ status: 'ready', attempts: 1 });
    t.clock.advance(1001);
    expect(await runner.drain(1)).toBe(1);
    expect(outsideRuns).toBe(2);
    expect((await effects('outside:record')).map((e) => e.attempt)).toEqual([2]);
    expect((await jobsNamed('test.outside_record'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });
});
