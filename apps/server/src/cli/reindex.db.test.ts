import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../platform/db/index.ts';
import type { DB } from '../schema.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

// `pishkhan reindex` beside a running `pishkhan start` (two real processes): the CLI starts the
// rebuild and follows its progress, the server's job runner does the batches, and keeps serving.
const main = path.resolve(import.meta.dirname, '../main.ts');
let db: TestDatabase;
let database: Database<DB>;
let child: ChildProcess;
let url: string;
let output = '';
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  await db.database.close();
  env = { PATH: process.env.PATH ?? '', PORT: '0', PISHKHAN_SMTP_PORT: '0', HOST: '127.0.0.1', PISHKHAN_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn' };
  if (db.config.dialect === 'postgres') Object.assign(env, { DATABASE_URL: db.config.url, PISHKHAN_SECRET: 's'.repeat(40) });
  child = spawn(process.execPath, ['--import', 'tsx', main, 'start'], { env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not become ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening && output.includes('Pishkhan is ready')) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
  database = openDatabase<DB>(db.config);
}, 60_000);

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  if (child?.exitCode === null) child.kill('SIGKILL');
  await database?.close();
  await db?.drop();
});

describe('pishkhan reindex', () => {
  it('rebuilds the index through the server’s job runner while the server serves', async () => {
    expect(database.dialect.name).toBe(db.dialect);
    const now = Date.now();
    // Tickets written behind the index's back (as a restore or a bulk import might).
    await database.kysely
      .insertInto('tickets')
      .values(
        [1, 2, 3].map((i) => ({
          number: 20000 + i, type: 'incident', status: 'new', title: `درخواست شماره ${i} چاپگر`, description: '', impact: 2, urgency: 2, priority: 3,
          priority_overridden: 0, priority_override_reason: null, priority_override_by: null, category_id: null, channel: 'agent',
          requester_contact_id: null, organization_id: null, owner_group_id: null, owner_agent_id: null, assignee_group_id: null, assignee_agent_id: null,
          escalation_level: 0, escalated_at: null, pending_until: null, merged_into_id: null, created_by_user_id: null,
          created_at: now, updated_at: now, first_response_at: null, resolved_at: null, closed_at: null, version: 1,
        })),
      )
      .execute();
    const count = async () => Number((await database.kysely.selectFrom('search_entries').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'ticket').executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const cli = spawn(process.execPath, ['--import', 'tsx', main, 'reindex'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      cli.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      cli.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      cli.once('exit', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Reindex \d+ started: 3 records/);
    expect(run.stdout).toMatch(/3 \/ 3 — done/);
    expect(await count()).toBe(3);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const detached = spawnSync(process.execPath, ['--import', 'tsx', main, 'reindex', '--detach'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(detached.status).toBe(0);
    expect(detached.stdout).toMatch(/started: 3 records/);
  }, 90_000);
});
