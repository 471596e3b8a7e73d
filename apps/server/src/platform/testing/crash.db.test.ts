import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../db/index.ts';
import { createTestApp, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { runChild } from '../../../test/fixtures/child-process.ts';
import { outsideEffectJob } from '../../../test/fixtures/outside-effect-job.ts';

/**
 * Crash tests: a real child process is SIGKILLed at a named fault point (faults.ts); the test
 * checks the state the crash left behind, then recovers and checks the effect happened once.
 */
let t: TestApp;
const LEASE_MS = 5 * 60 * 1000;
const testJobs = () => withTestJobs<{ 'test.crash_effect_direct': { key: string }; 'test.outside_effect': { key: string; sink: string } }>(t).jobs;
const sinkDir = mkdtempSync(path.join(tmpdir(), 'pishkhan-outside-'));

beforeAll(async () => {
  t = await createTestApp();
  await t.ctx.db.schema
    .createTable('crash_effects')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('job_id', 'bigint', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .execute();
  // The test process can run the direct effect job too (after a lease expires).
  testJobs().define({
    name: 'test.crash_effect_direct',
    async handler({ trx, payload, jobId }) {
      await trx.insertInto('crash_effects' as never).values({ source: payload.key, job_id: jobId, pid: process.pid } as never).execute();
    },
  });
  testJobs().define(outsideEffectJob());
});
afterAll(async () => {
  rmSync(sinkDir, { recursive: true, force: true });
  await t.destroy();
});

const effects = (source: string) =>
  t.ctx.db.selectFrom('crash_effects' as never).selectAll().where('source' as never, '=', source as never).execute() as Promise<
    Array<{ source: string; job_id: number; pid: number }>
  >;
const jobRow = (id: number) => t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function enqueueDirect(key: string): Promise<number> {
  await transaction(t.ctx.db, (trx) => testJobs().enqueue(trx, 'test.crash_effect_direct', { key }, { uniqueKey: `crash:${key}` }));
  const row = await t.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', `crash:${key}`).executeTakeFirstOrThrow();
  return row.id;
}

describe('crash recovery (real child processes, SIGKILL at fault points)', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('outbox.after_commit_before_dispatch: the committed event is delivered exactly once by the next start', async () => {
    const before = await t.ctx.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirst();
    const crashed = await runChild(t.testDb, {
      PISHKHAN_FIXTURE_MODE: 'record-event',
      PISHKHAN_TEST_FAULT: 'outbox.after_commit_before_dispatch',
      PISHKHAN_FIXTURE_NOW: String(t.clock.now()),
      PISHKHAN_FIXTURE_TICKET: '777',
    });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(crashed.stdout).not.toContain('survived');

    // In between: the event committed, never dispatched, and no job exists for it.
    const rows = await t.ctx.db.selectFrom('outbox').selectAll().where('id', '>', before?.id ?? 0).execute();
    expect(rows).toHaveLength(1);
    const event = rows[0]!;
    expect(event.event).toBe('ticket.created');
    expect(JSON.parse(event.payload)).toEqual({ ticketId: 777, actorUserId: null });
    expect(event.dispatched_at).toBeNull();
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', `test.crash_effect:${event.id}`).execute()).toEqual([]);
    expect(await effects(`outbox:${event.id}`)).toEqual([]);

    // A second process starts like a server: dispatch at start, run jobs.
    const recovered = await runChild(t.testDb, { PISHKHAN_FIXTURE_MODE: 'recover', PISHKHAN_FIXTURE_NOW: String(t.clock.now()) });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toContain('recovered');
    const done = await effects(`outbox:${event.id}`);
    expect(done).toHaveLength(1);
    expect(done[0]!.pid).toBe(recovered.pid);
    const after = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', '=', event.id).executeTakeFirstOrThrow();
    expect(after.dispatched_at).not.toBeNull();
    const jobs = await t.ctx.db.selectFrom('jobs').selectAll().where('unique_key', '=', `test.crash_effect:${event.id}`).execute();
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual([['done', 1]]);

    // Starting again delivers nothing twice.
    const again = await runChild(t.testDb, { PISHKHAN_FIXTURE_MODE: 'recover', PISHKHAN_FIXTURE_NOW: String(t.clock.now()) });
    expect(again.code, again.stderr).toBe(0);
    expect(await effects(`outbox:${event.id}`)).toHaveLength(1);
    console.log(`[timing ${t.dialect}] outbox crash: child killed after ${crashed.ms} ms, recovery process ${recovered.ms} ms`);
  });

  it('outbox.inline_before_commit: an inline subscriber killed before the dispatch commits leaves nothing, and the next start runs it exactly once', async () => {
    const before = await t.ctx.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirst();
    // The event, committed and left undispatched (the fault point after its commit).
    const recorded = await runChild(t.testDb, {
      PISHKHAN_FIXTURE_MODE: 'record-event',
      PISHKHAN_TEST_FAULT: 'outbox.after_commit_before_dispatch',
      PISHKHAN_FIXTURE_NOW: String(t.clock.now()),
      PISHKHAN_FIXTURE_TICKET: '778',
    });
    expect(recorded.signal, recorded.stderr).toBe('SIGKILL');
    const event = await t.ctx.db.selectFrom('outbox').selectAll().where('id', '>', before?.id ?? 0).executeTakeFirstOrThrow();

    // A server starts, runs the subscriber inline in its dispatch, and dies before that commit.
    const inline = { PISHKHAN_FIXTURE_INLINE: '1', PISHKHAN_FIXTURE_NOW: String(t.clock.now()) };
    const crashed = await runChild(t.testDb, { ...inline, PISHKHAN_FIXTURE_MODE: 'recover', PISHKHAN_TEST_FAULT: 'outbox.inline_before_commit' });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(crashed.stdout).not.toContain('recovered');
    // Nothing of it: the subscriber's write, the dispatch and any job went with the transaction.
    expect(await effects(`outbox:${event.id}`)).toEqual([]);
    expect((await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', '=', event.id).executeTakeFirstOrThrow()).dispatched_at).toBeNull();
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', `test.crash_effect:${event.id}`).execute()).toEqual([]);

    // The next start runs it once, inline; another start runs nothing again.
    const recovered = await runChild(t.testDb, { ...inline, PISHKHAN_FIXTURE_MODE: 'recover' });
    expect(recovered.code, recovered.stderr).toBe(0);
    const done = await effects(`outbox:${event.id}`);
    expect(done.map((e) => [Number(e.job_id), e.pid])).toEqual([[0, recovered.pid]]);
    expect((await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', '=', event.id).executeTakeFirstOrThrow()).dispatched_at).not.toBeNull();
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', `test.crash_effect:${event.id}`).execute()).toEqual([]);
    const again = await runChild(t.testDb, { ...inline, PISHKHAN_FIXTURE_MODE: 'recover' });
    expect(again.code, again.stderr).toBe(0);
    expect(await effects(`outbox:${event.id}`)).toHaveLength(1);
    console.log(`[timing ${t.dialect}] inline crash: child killed after ${crashed.ms} ms, recovery process ${recovered.ms} ms`);
  });

  it('jobs.after_claim: the claimed job runs exactly once, after its lease expires', async () => {
    const id = await enqueueDirect('after-claim');
    const crashed = await runChild(t.testDb, {
      PISHKHAN_FIXTURE_MODE: 'run-jobs',
      PISHKHAN_TEST_FAULT: 'jobs.after_claim',
      PISHKHAN_FIXTURE_NOW: String(t.clock.now()),
    });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');

    // In between: claimed by the dead worker (one attempt counted), nothing ran.
    const claimed = await jobRow(id);
    expect(claimed.status).toBe('running');
    expect(claimed.attempts).toBe(1);
    expect(claimed.locked_by).toBe(`child:${crashed.pid}`);
    expect(claimed.locked_until).toBe(t.clock.now() + LEASE_MS);
    expect(await effects('after-claim')).toEqual([]);

    // While the lease holds, nobody else takes the job.
    expect(await t.ctx.jobs.drain()).toBe(0);
    t.clock.advance(LEASE_MS + 1);
    expect(await t.ctx.jobs.drain()).toBe(1);
    expect(await t.ctx.jobs.drain()).toBe(0);

    const done = await jobRow(id);
    expect([done.status, done.attempts, done.locked_by]).toEqual(['done', 2, null]);
    const rows = await effects('after-claim');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.pid).toBe(process.pid);
    console.log(`[timing ${t.dialect}] after_claim crash: child killed after ${crashed.ms} ms`);
  });

  it('jobs.after_handler_before_commit: the half-done run leaves nothing, and the job runs again whole', async () => {
    const id = await enqueueDirect('before-commit');
    const crashed = await runChild(t.testDb, {
      PISHKHAN_FIXTURE_MODE: 'run-jobs',
      PISHKHAN_TEST_FAULT: 'jobs.after_handler_before_commit',
      PISHKHAN_FIXTURE_NOW: String(t.clock.now()),
    });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');

    // The handler's insert and the job's "done" were in the killed transaction: both are gone.
    const claimed = await jobRow(id);
    expect([claimed.status, claimed.attempts, claimed.locked_by]).toEqual(['running', 1, `child:${crashed.pid}`]);
    expect(await effects('before-commit')).toEqual([]);

    t.clock.advance(LEASE_MS + 1);
    expect(await t.ctx.jobs.drain()).toBe(1);
    expect((await jobRow(id)).status).toBe('done');
    expect(await effects('before-commit')).toHaveLength(1);
    console.log(`[timing ${t.dialect}] before_commit crash: child killed after ${crashed.ms} ms`);
  });

  it('jobs.after_outside_before_record: the outside work done but not recorded is done again — at least once, recorded once', async () => {
    const sink = path.join(sinkDir, 'relay.log');
    await transaction(t.ctx.db, (trx) => testJobs().enqueue(trx, 'test.outside_effect', { key: 'outside', sink }, { uniqueKey: 'crash:outside' }));
    const id = (await t.ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', 'crash:outside').executeTakeFirstOrThrow()).id;
    const crashed = await runChild(t.testDb, {
      PISHKHAN_FIXTURE_MODE: 'run-jobs',
      PISHKHAN_TEST_FAULT: 'jobs.after_outside_before_record',
      PISHKHAN_FIXTURE_NOW: String(t.clock.now()),
    });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');

    // In between: the "relay" has the message, nothing is recorded, the job is the dead worker's.
    const lines = () => readFileSync(sink, 'utf8').trim().split('\n');
    expect(lines()).toEqual([`outside ${crashed.pid}`]);
    expect(await effects('outside:recorded')).toEqual([]);
    const claimed = await jobRow(id);
    expect([claimed.status, claimed.attempts, claimed.locked_by]).toEqual(['running', 1, `child:${crashed.pid}`]);

    t.clock.advance(LEASE_MS + 1);
    expect(await t.ctx.jobs.drain()).toBe(1);
    // Sent again (mail out: the same Message-ID), then recorded once; the job is done.
    expect(lines()).toEqual([`outside ${crashed.pid}`, `outside ${process.pid}`]);
    expect((await effects('outside:recorded')).map((r) => r.pid)).toEqual([process.pid]);
    expect([(await jobRow(id)).status, (await jobRow(id)).attempts]).toEqual(['done', 2]);
  });
});
