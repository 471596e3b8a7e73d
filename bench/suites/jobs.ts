import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrator.ts';
import { transaction } from '../../apps/server/src/platform/db/transaction.ts';
import { systemClock } from '../../apps/server/src/platform/clock/index.ts';
import { createEventDispatcher, recordEvent } from '../../apps/server/src/platform/events/index.ts';
import { createJobs } from '../../apps/server/src/platform/jobs/index.ts';
import { createLogger } from '../../apps/server/src/platform/logging/logger.ts';
import type { BenchSuite } from './types.ts';

/**
 * The job runner's throughput on SQLite with one small write per job (what a notification or an
 * index job costs the database), one job per commit against short jobs batched under one commit
 * (ADR 0003). A durable commit is the price being measured, so the disk decides the figures.
 * Then events through the outbox to one small-write subscriber each, the subscriber a job (its row,
 * claim and completion) against run inline in the dispatch (ADR 0031): recorded → effect committed.
 */
export const jobsSuite: BenchSuite = {
  name: 'jobs',
  description: 'job runner throughput on SQLite, one commit per job vs short jobs batched (ADR 0003)',
  async run(opts) {
    const n = opts.smoke ? 100 : 4000;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-bench-jobs-'));
    const database = openDatabase<any>({ dialect: 'sqlite', file: path.join(dir, 'jobs.sqlite') });
    try {
      await migrateToLatest(database.kysely);
      await database.kysely.schema.createTable('bench_effects').addColumn('n', 'integer').execute();
      const runs: Array<{ batch: number; jobs: number; seconds: number; jobsPerS: number }> = [];
      for (const batch of [1, 16, 1, 16]) {
        const jobs = createJobs({ db: database.kysely, dialect: database.dialect, clock: systemClock, logger: createLogger('silent'), pollMs: 5, batch });
        const name = `bench.write_${runs.length}`;
        jobs.define({ name, handler: async ({ trx }) => void (await trx.insertInto('bench_effects').values({ n: 1 }).execute()) });
        await transaction(database.kysely, async (trx) => jobs.enqueueMany(trx, Array.from({ length: n }, () => ({ name, payload: {} }))));
        const t0 = performance.now();
        jobs.start();
        while (Number((await database.kysely.selectFrom('jobs').select((e) => e.fn.countAll().as('c')).where('name', '=', name).where('status', '!=', 'done').executeTakeFirstOrThrow()).c) > 0) {
          await new Promise((r) => setTimeout(r, 20));
        }
        const seconds = (performance.now() - t0) / 1000;
        await jobs.stop();
        runs.push({ batch, jobs: n, seconds: Math.round(seconds * 100) / 100, jobsPerS: Math.round(n / seconds) });
        opts.log(`batch ${batch}: ${runs.at(-1)!.jobsPerS} jobs/s`);
      }
      const best = (batch: number) => Math.max(...runs.filter((r) => r.batch === batch).map((r) => r.jobsPerS));

      const events: Array<{ subscriber: 'job' | 'inline'; events: number; seconds: number; eventsPerS: number }> = [];
      for (const subscriber of ['job', 'inline', 'job', 'inline'] as const) {
        const logger = createLogger('silent');
        const jobs = createJobs({ db: database.kysely, dialect: database.dialect, clock: systemClock, logger, pollMs: 5 });
        const bus = createEventDispatcher({ db: database.kysely, dialect: database.dialect, clock: systemClock, logger, jobs });
        const name = `bench.subscriber_${events.length}`;
        const marker = 1000 + events.length;
        jobs.define({ name, handler: async ({ trx }) => void (await trx.insertInto('bench_effects').values({ n: marker }).execute()) });
        bus.subscribe('ticket.merged', name, { inline: subscriber === 'inline' });
        // Recorded 50 to a commit, as concurrent commands share one (ADR 0029).
        for (let i = 0; i < n; i += 50) {
          await transaction(database.kysely, async (trx) => {
            for (let k = i; k < Math.min(n, i + 50); k++) await recordEvent(trx, systemClock, 'ticket.merged', { sourceTicketId: k, targetTicketId: 1, actorUserId: null });
          });
        }
        const t0 = performance.now();
        bus.start();
        jobs.start();
        const effects = async () => Number((await database.kysely.selectFrom('bench_effects').select((e) => e.fn.countAll().as('c')).where('n', '=', marker).executeTakeFirstOrThrow()).c);
        while ((await effects()) < n) await new Promise((r) => setTimeout(r, 20));
        const seconds = (performance.now() - t0) / 1000;
        await bus.stop();
        await jobs.stop();
        events.push({ subscriber, events: n, seconds: Math.round(seconds * 100) / 100, eventsPerS: Math.round(n / seconds) });
        opts.log(`subscriber as ${subscriber}: ${events.at(-1)!.eventsPerS} events/s`);
      }
      const bestEvents = (subscriber: 'job' | 'inline') => Math.max(...events.filter((r) => r.subscriber === subscriber).map((r) => r.eventsPerS));
      return {
        sqlite: {
          runs,
          oneCommitPerJob: best(1),
          batched16: best(16),
          speedup: Math.round((best(16) / best(1)) * 10) / 10,
          events,
          subscriberAsJob: bestEvents('job'),
          subscriberInline: bestEvents('inline'),
          inlineSpeedup: Math.round((bestEvents('inline') / bestEvents('job')) * 10) / 10,
        },
      };
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
