import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../../test/test-database.ts';
import { systemActor } from '../actor.ts';
import { systemClock } from '../clock/index.ts';
import { defineCommand } from '../commands/index.ts';
import { afterCommit, GROUP_COMMIT_LIMITS, groupCommitStats, inSavepoint, transaction } from './index.ts';

// ADR 0029: on SQLite, commands that start their own unit of work at the same time share one
// transaction (a savepoint each) and one commit; on PostgreSQL each keeps its own transaction.
// Either way a failing command rolls back alone, and only committed work runs its afterCommit.
interface Tables {
  gc_parents: { id: number };
  gc_rows: { id: number; parent_id: number | null };
}

let d: TestDatabase;
let db: Kysely<Tables>;
const grouped = () => d.database.dialect.groupCommit;
const hooks: number[] = [];
const LIMITS = { ...GROUP_COMMIT_LIMITS };

/** Inserts row `id` (under `parentId`, checked only at COMMIT), then fails when asked; its hook runs after commit. */
const insertRow = defineCommand('test.insert_row', async (ctx: { db: Kysely<any>; clock: typeof systemClock }, input: { actor: ReturnType<typeof systemActor>; id: number; parentId?: number; fail?: boolean }) => {
  await ctx.db.insertInto('gc_rows').values({ id: input.id, parent_id: input.parentId ?? null }).execute();
  afterCommit(ctx.db, () => hooks.push(input.id));
  if (input.fail) throw new Error(`row ${input.id} refused`);
  return input.id;
});

const ctx = () => ({ db: db as Kysely<any>, clock: systemClock });
const run = (id: number, extra: { parentId?: number; fail?: boolean } = {}) => insertRow(ctx(), { actor: systemActor(), id, ...extra });
const ids = async () => (await db.selectFrom('gc_rows').select('id').orderBy('id').execute()).map((r) => r.id);
/** Settles every promise; returns each one's value or its error's message. */
const settle = async (promises: Array<Promise<number>>) => (await Promise.allSettled(promises)).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message));

beforeAll(async () => {
  d = await createTestDatabase();
  db = d.database.kysely as unknown as Kysely<Tables>;
  await db.schema.createTable('gc_parents').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  // Deferred: a dangling parent_id passes the insert and fails the COMMIT — a real commit failure.
  await sql`create table gc_rows (id integer primary key, parent_id integer references gc_parents (id) deferrable initially deferred)`.execute(db);
  await db.insertInto('gc_parents').values({ id: 1 }).execute();
  // A loaded test machine must not split a batch by time; the time cap has its own test.
  GROUP_COMMIT_LIMITS.maxBatchMs = 60_000;
});
afterAll(async () => {
  GROUP_COMMIT_LIMITS.maxBatchMs = LIMITS.maxBatchMs;
  await d.drop();
});
beforeEach(async () => {
  await db.deleteFrom('gc_rows').execute();
  hooks.length = 0;
});

describe('group commit of commands', () => {
  it('runs on the dialect under test; SQLite groups, PostgreSQL does not', () => {
    expect(d.database.dialect.name).toBe(d.dialect);
    expect(grouped()).toBe(d.dialect === 'sqlite');
  });

  it('concurrent commands share one commit on SQLite (one each on PostgreSQL), and every one is answered', async () => {
    const before = groupCommitStats(db);
    expect(await settle(Array.from({ length: 10 }, (_, i) => run(i + 1)))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    const after = groupCommitStats(db);
    if (grouped()) expect([after.commits - before.commits, after.members - before.members]).toEqual([1, 10]);
    else expect(after).toEqual(before);
    expect(await ids()).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(hooks.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('answers each command only once its row is committed (seen from another connection)', async () => {
    // Another connection reads only committed data: checked the moment each caller is answered.
    const reader = await otherConnection();
    try {
      const seen = await Promise.all(Array.from({ length: 10 }, (_, i) => run(i + 1).then((id) => reader.rowsWithId(id))));
      expect(seen).toEqual(Array.from({ length: 10 }, () => 1));
    } finally {
      await reader.close();
    }
  });

  it('an idle desk commits a lone command at once, in a batch of one', async () => {
    const before = groupCommitStats(db);
    const started = performance.now();
    expect(await run(1)).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
    if (grouped()) expect(groupCommitStats(db).commits - before.commits).toBe(1);
    expect(await ids()).toEqual([1]);
  });

  it('a failing command among them rolls back alone: its row absent, its hook never run, the others kept', async () => {
    const before = groupCommitStats(db);
    const outcomes = await settle([run(1), run(2, { fail: true }), run(3), run(4, { fail: true }), run(5)]);
    expect(outcomes).toEqual([1, 'row 2 refused', 3, 'row 4 refused', 5]);
    if (grouped()) expect(groupCommitStats(db).commits - before.commits).toBe(1);
    expect(await ids()).toEqual([1, 3, 5]);
    await new Promise((r) => setImmediate(r));
    expect(hooks.sort()).toEqual([1, 3, 5]);
  });

  it('a failing commit fails every member of the batch and keeps nothing of it', async () => {
    // Row 3 points at a parent that does not exist: only the COMMIT notices (deferred foreign key).
    const outcomes = await Promise.allSettled([run(1), run(2), run(3, { parentId: 999 }), run(4, { fail: true })]);
    if (grouped()) {
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect((outcomes[3] as PromiseRejectedResult).reason.message).toBe('row 4 refused');
      expect(await ids()).toEqual([]);
      expect(hooks).toEqual([]);
    } else {
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
      expect(await ids()).toEqual([1, 2]);
    }
    // The next batch is not affected.
    expect(await settle([run(5), run(6)])).toEqual([5, 6]);
    expect(await ids()).toEqual(grouped() ? [5, 6] : [1, 2, 5, 6]);
  });

  it('a command inside a caller transaction joins it, and never waits for a group', async () => {
    const before = groupCommitStats(db);
    await transaction(db, async (trx) => {
      await insertRow({ db: trx, clock: systemClock }, { actor: systemActor(), id: 7 });
      await insertRow({ db: trx, clock: systemClock }, { actor: systemActor(), id: 8 });
    });
    expect(groupCommitStats(db)).toEqual(before);
    expect(await ids()).toEqual([7, 8]);
  });

  it('caps a batch at 32 units of work', async () => {
    const before = groupCommitStats(db);
    expect(await settle(Array.from({ length: 40 }, (_, i) => run(i + 1)))).toHaveLength(40);
    if (grouped()) expect(groupCommitStats(db).commits - before.commits).toBe(2);
    expect(await ids()).toHaveLength(40);
  });

  it('stops taking units of work into a batch once its time is up', async () => {
    const before = groupCommitStats(db);
    GROUP_COMMIT_LIMITS.maxBatchMs = 0;
    try {
      expect(await settle([run(1), run(2), run(3)])).toEqual([1, 2, 3]);
    } finally {
      GROUP_COMMIT_LIMITS.maxBatchMs = 60_000;
    }
    if (grouped()) expect(groupCommitStats(db).commits - before.commits).toBe(3);
    expect(await ids()).toEqual([1, 2, 3]);
  });
});

describe('inSavepoint and afterCommit', () => {
  it('drops the callbacks of a savepoint rolled back, runs those of one released after the commit', async () => {
    const ran: string[] = [];
    await transaction(db, async (trx) => {
      await inSavepoint(trx, 'kept', async () => afterCommit(trx, () => ran.push('kept')));
      await inSavepoint(trx, 'dropped', async () => {
        afterCommit(trx, () => ran.push('dropped'));
        // Nested: released into a savepoint that then rolls back — gone with it.
        await inSavepoint(trx, 'inner', async () => afterCommit(trx, () => ran.push('inner')));
        throw new Error('roll back');
      }).catch(() => {});
      afterCommit(trx, () => ran.push('outer'));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['kept', 'outer']);
  });
});

/** A second connection to the test database, outside the app's pool (SQLite: read-only in WAL; PostgreSQL: its own client). */
async function otherConnection(): Promise<{ rowsWithId(id: number): Promise<number>; close(): Promise<void> }> {
  if (testDialect() === 'sqlite') {
    const reader = new BetterSqlite3((d.config as { file: string }).file, { readonly: true });
    const count = reader.prepare('select count(*) as n from gc_rows where id = ?');
    return {
      rowsWithId: async (id) => (count.get(id) as { n: number }).n,
      close: async () => {
        reader.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: (d.config as { url: string }).url });
  await client.connect();
  return {
    rowsWithId: async (id) => Number((await client.query<{ n: string }>('select count(*) as n from gc_rows where id = $1', [id])).rows[0]!.n),
    close: () => client.end(),
  };
}

