import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { cli, type Target } from './server.ts';

/** The suites' reader: the bench analyst in the first three groups (seed/bench.ts). */
export const BENCH_ANALYST = 'agent1@bench.pishkhan.test';
export const BENCH_PASSWORD = 'pishkhan-bench-1403';

/**
 * Where the bench data is (the queues and search suites): BENCH_DATA_DIR (a data dir that
 * `pishkhan seed --bench` filled; with BENCH_DATABASE_URL for PostgreSQL), else a fresh SQLite one
 * seeded now (smoke: 3,000 tickets; otherwise BENCH_TICKETS, default 100,000 — a million takes
 * about a quarter of an hour to seed), removed by `cleanup`.
 */
export function benchTarget(opts: { smoke: boolean; log(message: string): void }, label: string): { target: Target; cleanup(): void } {
  const dir = process.env.BENCH_DATA_DIR;
  if (dir) return { target: { dialect: process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite', dataDir: dir, ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}) }, cleanup: () => {} };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `pishkhan-${label}-`));
  const target: Target = { dialect: 'sqlite', dataDir };
  const tickets = opts.smoke ? 3000 : Number(process.env.BENCH_TICKETS ?? 100_000);
  opts.log(`seeding ${tickets} tickets into ${dataDir}`);
  cli(target, ['seed', '--bench', '--tickets', String(tickets), ...(opts.smoke ? ['--contacts', '300', '--organizations', '20'] : [])]);
  return { target, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Read-only SQL straight against the bench database (facts the API does not report, e.g. how many tickets hold a word). */
export async function withBenchDb<T>(target: Target, run: (query: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>) => Promise<T>): Promise<T> {
  if (target.dialect === 'sqlite') {
    const db = new Database(path.join(target.dataDir, 'pishkhan.sqlite'), { readonly: true });
    try {
      return await run(async (sql, params = []) => db.prepare(sql).all(...params) as Array<Record<string, unknown>>);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: target.databaseUrl });
  await c.connect();
  try {
    // pg numbers its parameters; the suites write `?` for both.
    return await run(async (sql, params = []) => {
      let i = 0;
      return (await c.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows;
    });
  } finally {
    await c.end();
  }
}
