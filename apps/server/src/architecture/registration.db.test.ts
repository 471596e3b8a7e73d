import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.ts';
import { createJobs } from '../platform/jobs/index.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

// The runtime half of "importing a module contributes nothing" (architecture.test.ts has the static
// rule): with every module's index.ts loaded, a job runner created fresh knows no job and no schedule,
// so jobs exist only where a register* return value is installed.
describe('importing every module defines no job', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    const modules = path.join(import.meta.dirname, '..', 'modules');
    for (const m of readdirSync(modules)) await import(path.join(modules, m, 'index.ts'));
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('a fresh runner runs no job and ticks no schedule before anything is installed', async () => {
    const db = t.database.kysely;
    const jobs = createJobs({ db, dialect: t.database.dialect, clock: new ManualClock(Date.now()), logger: createLogger('silent'), pollMs: 10 });
    // Jobs the modules define today in their register*: enqueued, but nobody handles them yet.
    for (const name of ['access.delete_expired_sessions', 'tickets.return_pending', 'notifications.ticket_assigned']) await jobs.enqueue(db, name, {});
    expect(await jobs.tickSchedules()).toBe(0);
    expect(await jobs.drain()).toBe(0);
    const rows = await db.selectFrom('jobs').select(['name', 'status', 'attempts']).orderBy('id').execute();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual([
      ['ready', 0],
      ['ready', 0],
      ['ready', 0],
    ]);
  });
});
