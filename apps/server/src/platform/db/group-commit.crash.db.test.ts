import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOver, startServerProcess } from '../../../test/fixtures/server-process.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../../../test/test-database.ts';

// ADR 0029: a command is answered only after the commit that holds it. Real `pishkhan start`
// processes are SIGKILLed under concurrent creates: every ticket a client got a 201 for is in the
// database afterwards; killed between a batch's savepoints and its COMMIT (fault point
// commands.group_before_commit), nothing of the batch is kept and none of it was answered.
const ADMIN = { PISHKHAN_ADMIN_EMAIL: 'admin@example.test', PISHKHAN_ADMIN_PASSWORD: 'admin-password-123' };
const CONNECTIONS = 8;
const body = (n: number) => JSON.stringify({ title: `durable ${n}`, description: 'چاپگر کار نمی‌کند', type: 'incident', impact: 2, urgency: 2 });

let db: TestDatabase;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  // Sign in once on a server without faults: the session outlives it in the database.
  const server = await startServerProcess(db, ADMIN);
  try {
    headers = { ...(await signInOver(server.url, ADMIN.PISHKHAN_ADMIN_EMAIL, ADMIN.PISHKHAN_ADMIN_PASSWORD)), 'content-type': 'application/json' };
  } finally {
    await server.stop();
  }
}, 180_000);
afterAll(() => db?.drop());

/** Creates tickets over CONNECTIONS concurrent clients until `stopAfter` answers or the server dies; returns the answered titles. */
async function createUntilDead(url: string, stopAfter: number, onAnswer: (answered: number) => void): Promise<string[]> {
  const answered: string[] = [];
  let n = 0;
  let dead = false;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (!dead && answered.length < stopAfter) {
        const title = `durable ${++n}`;
        try {
          const res = await fetch(`${url}/api/v1/tickets`, { method: 'POST', headers, body: body(n) });
          if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
          await res.arrayBuffer();
          answered.push(title);
          onAnswer(answered.length);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('create answered')) throw error;
          dead = true;
        }
      }
    }),
  );
  return answered;
}

const titles = async () => (await db.database.kysely.selectFrom('tickets').select('title').where('title', 'like', 'durable %').execute()).map((r) => r.title);

describe('an answered command is a committed command', () => {
  it('SIGKILL under concurrent creates: every ticket answered 201 is in the database', async () => {
    const server = await startServerProcess(db, ADMIN);
    const answered = await createUntilDead(server.url, Infinity, (count) => {
      // Killed while the other clients' requests are in flight, in the middle of batches.
      if (count === 60) process.kill(server.pid, 'SIGKILL');
    });
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(answered.length).toBeGreaterThanOrEqual(60);
    const stored = new Set(await titles());
    expect(answered.filter((t) => !stored.has(t))).toEqual([]);
  }, 180_000);

  it(
    testDialect() === 'sqlite'
      ? 'killed before a group commit: nothing of the batch is kept, and none of it was answered'
      : 'PostgreSQL never groups commands: with the group-commit fault point set, every create is answered and kept',
    async () => {
      const before = (await titles()).length;
      const server = await startServerProcess(db, { ...ADMIN, PISHKHAN_TEST_FAULT: 'commands.group_before_commit' });
      if (testDialect() === 'sqlite') {
        const answered = await createUntilDead(server.url, Infinity, () => {});
        expect((await server.exited).signal).toBe('SIGKILL');
        expect(answered).toEqual([]);
        expect((await titles()).length).toBe(before);
        return;
      }
      try {
        const answered = await createUntilDead(server.url, 40, () => {});
        expect(answered.length).toBeGreaterThanOrEqual(40);
        // Every create finished (no request left in flight): each answered one is stored, nothing else.
        expect((await titles()).length).toBe(before + answered.length);
      } finally {
        await server.stop();
      }
    },
    180_000,
  );
});
