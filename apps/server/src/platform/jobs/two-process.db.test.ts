import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { startChild, type RunningChild } from '../../../test/fixtures/child-process.ts';
import { transaction } from '../db/index.ts';
import { createLogger } from '../logging/logger.ts';
import { createJobs } from './index.ts';

/**
 * Many workers on one database (DESIGN §5 "grown"): every job runs exactly once, and the work is
 * shared. On PostgreSQL: two real worker processes. SQLite is one process by design, so there the
 * same property is checked for two runners in one process sharing the database.
 */
let t: TestApp;
const children: RunningChild[] = [];
const JOBS = 1000;

beforeAll(async () => {
  t = await createTestApp();
  await t.ctx.db.schema
    .createTable('job_runs')
    .addColumn('job_id', 'bigint', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .execute();
});
afterAll(async () => {
  for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await t.destroy();
});

async function waitUntilDone(name: string, total: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const row = await t.ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('name', '=', name)
      .where('status', '=', 'done')
      .executeTakeFirstOrThrow();
    if (Number(row.n) === total) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${row.n} of ${total} jobs done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runs(): Promise<Array<{ job_id: number; pid: number }>> {
  const rows = await sql<{ job_id: number | string; pid: number }>`select job_id, pid from job_runs`.execute(t.ctx.db);
  return rows.rows.map((r) => ({ job_id: Number(r.job_id), pid: r.pid }));
}

async function enqueueAll(name: string, n: number): Promise<number[]> {
  await transaction(t.ctx.db, (trx) =>
    withTestJobs<Record<string, { n: number }>>(t).jobs.enqueueMany(
      trx,
      Array.from({ length: n }, (_, i) => ({ name, payload: { n: i } })),
    ),
  );
  return (await t.ctx.db.selectFrom('jobs').select('id').where('name', '=', name).execute()).map((r) => r.id);
}

function expectEachOnce(ids: number[], rows: Array<{ job_id: number; pid: number }>): void {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.job_id, (counts.get(r.job_id) ?? 0) + 1);
  expect(rows).toHaveLength(ids.length);
  expect([...counts.values()].every((c) => c === 1)).toBe(true);
  expect([...counts.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
}

describe('jobs across workers', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it(`two workers (PostgreSQL: two processes, ${JOBS} jobs): each job runs exactly once and both do work`, async () => {
    if (t.dialect !== 'postgres') {
      // Not applicable on SQLite (one process by design): two runners in this process instead.
      const logger = createLogger('silent');
      const runners = ['a', 'b'].map((w) =>
        createJobs({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger, workerId: w, pollMs: 10 }),
      );
      runners.forEach((runner, i) =>
        runner.define({
          name: 'test.record_run',
          async handler({ trx, jobId }) {
            await new Promise((r) => setTimeout(r, 1));
            await trx.insertInto('job_runs' as never).values({ job_id: jobId, pid: i + 1 } as never).execute();
          },
        }),
      );
      runners.forEach((r) => r.start());
      const ids = await enqueueAll('test.record_run', 200);
      await waitUntilDone('test.record_run', 200, 30_000);
      await Promise.all(runners.map((r) => r.stop()));
      const rows = await runs();
      expectEachOnce(ids, rows);
      expect(new Set(rows.map((r) => r.pid))).toEqual(new Set([1, 2]));
      return;
    }

    const started = Date.now();
    const workers = [0, 1].map(() => startChild(t.testDb, { PISHKHAN_FIXTURE_MODE: 'worker', PISHKHAN_FIXTURE_NOW: String(t.clock.now()) }));
    children.push(...workers);
    await Promise.all(workers.map((w) => w.waitForLine('ready')));
    const readyMs = Date.now() - started;

    const ids = await enqueueAll('test.record_run', JOBS);
    expect(ids).toHaveLength(JOBS);
    const runMs = await waitUntilDone('test.record_run', JOBS, 60_000);

    const rows = await runs();
    expectEachOnce(ids, rows);
    const perPid = new Map<number, number>();
    for (const r of rows) perPid.set(r.pid, (perPid.get(r.pid) ?? 0) + 1);
    expect(new Set(perPid.keys())).toEqual(new Set(workers.map((w) => w.pid)));

    for (const w of workers) w.process.kill('SIGTERM');
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    console.log(
      `[timing postgres] two workers ready after ${readyMs} ms; ${JOBS} jobs done in ${runMs} ms; split ${[...perPid.values()].join(' / ')}`,
    );
  });
});
