import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Target } from './server.ts';

export function adminPgUrl(): string {
  return process.env.PISHKHAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminPgUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty installation to measure: a temp data dir (SQLite), plus a new database on PostgreSQL. */
export async function freshTarget(dialect: 'sqlite' | 'postgres'): Promise<{ target: Target; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-bench-'));
  if (dialect === 'sqlite') return { target: { dialect, dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `pishkhan_b_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminPgUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    target: { dialect, dataDir, databaseUrl: withDatabase(adminPgUrl(), name) },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminPgUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What is still to do after the requests were answered: undispatched outbox rows and due jobs. */
export async function backlog(target: Target): Promise<number> {
  const outbox = 'select count(*) as n from outbox where dispatched_at is null';
  const jobs = `select count(*) as n from jobs where status in ('ready', 'running') and run_at <= ${Date.now()}`;
  if (target.dialect === 'sqlite') {
    const db = new Database(path.join(target.dataDir, 'pishkhan.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return Number((db.prepare(outbox).get() as { n: number }).n) + Number((db.prepare(jobs).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: target.databaseUrl });
  await c.connect();
  try {
    return Number((await c.query(outbox)).rows[0].n) + Number((await c.query(jobs)).rows[0].n);
  } finally {
    await c.end();
  }
}

/** Waits until the server has dispatched every event and run every due job; returns how long that took (ms). */
export async function drained(target: Target, timeoutMs = 600_000): Promise<{ drainMs: number; left: number }> {
  const started = Date.now();
  let left = await backlog(target);
  while (left > 0 && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    left = await backlog(target);
  }
  return { drainMs: Date.now() - started, left };
}
