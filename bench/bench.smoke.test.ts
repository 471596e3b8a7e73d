import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { suites } from './suites/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const figureKeys = ['requests', 'errors', 'non2xx', 'rps', 'p50Ms', 'p99Ms'];

// Every suite runs with --smoke through the real runner so that none of them rots.
describe('benchmark suites (smoke)', () => {
  for (const suite of suites) {
    it(`${suite.name} prints one JSON object of the expected shape`, () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', suite.name, '--smoke'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 240_000,
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const result = JSON.parse(lines[0]!);
      expect(result.suite).toBe(suite.name);
      expect(result.smoke).toBe(true);
      if (suite.name === 'api') {
        for (const part of [result.cpuCeiling, result.sqlite.create, result.sqlite.read, result.sqlite.reply, result.sqlite.list]) {
          for (const k of figureKeys) expect(typeof part[k], k).toBe('number');
          expect(part.requests).toBeGreaterThan(0);
          expect(part.non2xx).toBe(0);
        }
        expect(result.sqlite.storageCeilingCommitsPerS.mean).toBeGreaterThan(0);
        expect(result.sqlite.rssIdleMb).toBeGreaterThan(0);
        expect(typeof result.sqlite.create.drainMs).toBe('number');
        if (process.env.CI === 'true') expect(result.postgres.skipped, 'PostgreSQL is required under CI=true').toBeUndefined();
        if (!result.postgres.skipped) {
          for (const k of figureKeys) expect(typeof result.postgres.create[k]).toBe('number');
          expect(result.postgres.create.non2xx).toBe(0);
          expect(result.postgres.reply.non2xx).toBe(0);
        }
      }
      if (suite.name === 'read-cpu') {
        for (const part of [result.sqlite.read, result.sqlite.list]) {
          expect(part.cpuUsPerRequest).toBeGreaterThan(0);
          // A read is the ticket, its watchers, past assignees and tags at least.
          expect(part.statementsPerRequest).toBeGreaterThanOrEqual(4);
        }
        expect(result.sqlite.listPlans.length).toBeGreaterThan(0);
        expect(result.bareFastifyFloor.cpuUsPerRequest).toBeGreaterThan(0);
      }
      if (suite.name === 'email') {
        expect(result.messages).toBe(200);
        expect(result.cp1256).toBe(60);
        expect(result.sqlite.ingest).toMatchObject({ messages: 200, refused: 0 });
        expect(result.sqlite.ingest.messagesPerS).toBeGreaterThan(0);
        // Every message committed once, as a ticket or an article.
        expect(result.sqlite.committed.rows).toBe(200);
        expect((result.sqlite.committed.states.ticket ?? 0) + (result.sqlite.committed.states.article ?? 0)).toBe(200);
        expect(result.parser.before.messagesPerS).toBeGreaterThan(0);
        expect(result.parser.after.messagesPerS).toBeGreaterThan(0);
        expect(typeof result.ingestShareOfParser).toBe('number');
      }
      if (suite.name === 'search') {
        const names = ['rare', 'tenPercent', 'commonest', 'phrase', 'typo', 'phonePersianDigits', 'ticketNumber'];
        expect(Object.keys(result.search)).toEqual(names);
        for (const name of names) {
          const q = result.search[name];
          for (const k of figureKeys) expect(typeof q.c1[k], `${name} ${k}`).toBe('number');
          expect(q.c1.non2xx, name).toBe(0);
          expect(q.c4.non2xx, name).toBe(0);
          expect(q.found, `${name} finds what it should`).toBe(true);
          expect(typeof q.share.pct).toBe('number');
        }
        // The words are picked by share: the rare one in at most 1 % of tickets, the commonest in most.
        expect(result.search.rare.share.pct).toBeLessThanOrEqual(1);
        expect(result.search.tenPercent.share.pct).toBeGreaterThan(5);
        expect(result.search.tenPercent.share.pct).toBeLessThan(15);
        expect(result.search.commonest.share.pct).toBeGreaterThan(50);
        expect(result.ticketList.rare.c1.non2xx).toBe(0);
        expect(result.targets.commonest.targetMs).toBe(300);
      }
      if (suite.name === 'queues') {
        expect(Object.keys(result.views).length).toBeGreaterThan(3);
        for (const v of Object.values(result.views) as Array<{ first: Record<string, number>; deep: Record<string, number> }>) {
          expect(v.first.non2xx).toBe(0);
          expect(v.deep.non2xx).toBe(0);
        }
        expect(result.counts.non2xx).toBe(0);
        expect(result.filtered.non2xx).toBe(0);
      }
      if (suite.name === 'soak') {
        expect(result.rssMb.idle).toBeGreaterThan(0);
        expect(result.rssMb.perMinuteMean.length).toBeGreaterThan(0);
        expect(typeof result.rssMb.growthOverSecondHalf).toBe('number');
        expect(result.requests.create).toBeGreaterThan(0);
        expect(result.non2xx).toBe(0);
      }
    }, 260_000);
  }
});
