import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareFastifyCeiling, sqliteCommitCeiling, TICKET_BODY } from '../lib/ceilings.ts';
import { topSelfTime } from '../lib/profile.ts';
import { cli, signInHeaders, startServer, type RunningServer, type Target } from '../lib/server.ts';
import { drained, freshTarget, postgresReachable } from '../lib/targets.ts';
import { load } from './load.ts';
import type { BenchSuite, LoadFigures, SuiteOptions } from './types.ts';

const CONNECTIONS = 16;
const EMAIL = 'bench-analyst@example.test';
const PASSWORD = 'bench-password-1403';
const REPLY_BODY = JSON.stringify({ body: 'سلام، همکار ما تا یک ساعت دیگر برای بررسی چاپگر می‌آید.' });

/** A write run's figures with the time the server then needed to drain its outbox and jobs counted in. */
type WriteFigures = LoadFigures & { drainMs: number; drainedRps: number };

async function writeRun(target: Target, run: () => Promise<LoadFigures>, durationS: number): Promise<WriteFigures> {
  const figures = await run();
  const { drainMs, left } = await drained(target);
  if (left > 0) throw new Error(`the server left ${left} events/jobs undone`);
  return { ...figures, drainMs, drainedRps: Math.round(figures.requests / (durationS + drainMs / 1000)) };
}

/**
 * Create, read, reply and list through a real `pishkhan start` child process (jobs and the
 * dispatcher on, production logging), loaded by autocannon in its own process, beside the CPU
 * ceiling (bare Fastify) and the storage ceiling (raw SQLite commits, synchronous=FULL, WAL, same
 * disk) measured interleaved: ceiling, create, ceiling. Reports ratios, RSS at idle and under load,
 * and with --profile the server's CPU profile (top self time).
 */
async function measure(dialect: 'sqlite' | 'postgres', opts: SuiteOptions & { profile: boolean }, durationS: number, connections: number) {
  const { target, drop } = await freshTarget(dialect);
  const profDir = opts.profile ? mkdtempSync(path.join(os.tmpdir(), 'pishkhan-prof-')) : undefined;
  let server: RunningServer | undefined;
  try {
    cli(target, ['user', 'create', '--email', EMAIL, '--name', 'Bench analyst', '--roles', 'analyst', '--groups', '1', '--password', PASSWORD]);
    server = await startServer(target, profDir ? { cpuProfDir: profDir } : {});
    await new Promise((r) => setTimeout(r, opts.smoke ? 200 : 2000));
    const rssIdleMb = server.rssMb();
    const rss: number[] = [];
    const sample = () => rss.push(server!.rssMb());
    const headers = await signInHeaders(server.url, EMAIL, PASSWORD);
    const url = server.url;

    const ceilingBefore = sqliteCommitCeiling(target.dataDir, opts.smoke ? 0.5 : 5);
    opts.log(`${dialect}: create for ${durationS}s`);
    const create = await writeRun(target, () => load({ url: `${url}/api/v1/tickets`, method: 'POST', body: TICKET_BODY, headers, duration: durationS, connections }, sample), durationS);
    const ceilingAfter = sqliteCommitCeiling(target.dataDir, opts.smoke ? 0.5 : 5);
    const storageCeiling = Math.round((ceilingBefore.commitsPerS + ceilingAfter.commitsPerS) / 2);
    if (create.requests === 0 || create.non2xx > 0) throw new Error(`${dialect}: create failed (${create.non2xx} non-2xx)`);
    // A fresh database: the created tickets are ids 1..n.
    const ids = Array.from({ length: Math.min(create.requests, 5000) }, (_, i) => i + 1);
    opts.log(`${dialect}: read over ${ids.length} tickets for ${durationS}s`);
    const read = await load({ url, headers, duration: durationS, connections, paths: ids.map((id) => `/api/v1/tickets/${id}`) }, sample);
    opts.log(`${dialect}: reply for ${durationS}s`);
    const reply = await writeRun(target, () => load({ url, headers, body: REPLY_BODY, duration: durationS, connections, postPaths: ids.map((id) => `/api/v1/tickets/${id}/replies`) }, sample), durationS);
    opts.log(`${dialect}: list for ${durationS}s`);
    const list = await load({ url: `${url}/api/v1/tickets?limit=25`, headers, duration: durationS, connections }, sample);
    const rssLoad = { minMb: Math.min(...rss), maxMb: Math.max(...rss), lastMb: rss.at(-1) ?? 0, samples: rss.length };
    return { create, read, reply, list, storageCeiling: { before: ceilingBefore.commitsPerS, after: ceilingAfter.commitsPerS, mean: storageCeiling }, rssIdleMb, rssLoad, profDir };
  } finally {
    await server?.stop();
    await drop();
  }
}

export const apiSuite: BenchSuite = {
  name: 'api',
  description: 'create, read, reply and list through a real `pishkhan start` child process on SQLite and PostgreSQL, beside the CPU and storage ceilings (ratios), RSS',
  async run(opts) {
    const profile = process.argv.includes('--profile');
    const durationS = opts.smoke ? 1 : 10;
    const connections = opts.smoke ? 2 : CONNECTIONS;
    const cpuCeiling = await bareFastifyCeiling(durationS, connections);
    const figures: Record<string, unknown> = { connections, durationS, node: process.versions.node, cpuCeiling };
    // BENCH_DIALECTS=sqlite (or postgres) measures one database only (A/B runs of one change).
    const only = process.env.BENCH_DIALECTS?.split(',');
    for (const dialect of ['sqlite', 'postgres'] as const) {
      if (only && !only.includes(dialect)) continue;
      if (dialect === 'postgres' && !(await postgresReachable())) {
        figures.postgres = { skipped: 'PostgreSQL not reachable at PISHKHAN_TEST_PG_URL or the local server' };
        continue;
      }
      const m = await measure(dialect, { ...opts, profile }, durationS, connections);
      const result: Record<string, unknown> = {
        create: m.create,
        read: m.read,
        reply: m.reply,
        list: m.list,
        storageCeilingCommitsPerS: m.storageCeiling,
        ratios: {
          createToStorage: ratio(m.create.drainedRps, m.storageCeiling.mean),
          replyToStorage: ratio(m.reply.drainedRps, m.storageCeiling.mean),
          readToCpu: ratio(m.read.rps, cpuCeiling.rps),
          listToCpu: ratio(m.list.rps, cpuCeiling.rps),
        },
        rssIdleMb: m.rssIdleMb,
        rssLoad: m.rssLoad,
      };
      if (m.profDir) {
        result.profileTop = topSelfTime(m.profDir);
        rmSync(m.profDir, { recursive: true, force: true });
      }
      figures[dialect] = result;
    }
    return figures;
  },
};

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 100) / 100 : 0;
}
