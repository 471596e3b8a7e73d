import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/factories.ts';
import { createTestApp, testConfig, type TestApp } from '../../test/harness.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/test-database.ts';
import { signInOver, startServerProcess } from '../../test/fixtures/server-process.ts';
import { holdAt } from '../platform/testing/faults.ts';
import { backupCommand } from './backup.ts';
import { ADMIN, IMAP_PASSWORD, backupOf, buildDesk, deskThroughApi, mailboxPassword, openRestored, restoreInto, tableChecksums, tempFile } from '../../test/backup/desk.ts';

const dialect = testDialect();
const other = dialect === 'sqlite' ? 'postgres' : 'sqlite';
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/**
 * Backup → wipe → restore through the CLI's commands: the restored desk answers the API exactly
 * as the original did (tickets, articles, history, attachments and their bytes), a backup of it
 * has the same per-table checksums (every row identical, ids kept), new records take ids and
 * numbers past the highest, and the sealed mailbox password still opens.
 */
async function roundTrip(from: TestDatabase['dialect'], to: TestDatabase['dialect']): Promise<void> {
  const source: TestApp = await createTestApp({ dialect: from });
  await buildDesk(source);
  const before = await deskThroughApi(await signIn(source.app, ADMIN.email, ADMIN.password));
  const archive = tempFile('desk.tar');
  const backup = await backupOf(source, archive);
  expect(backup.code).toBe(0);
  expect(backup.err.join('\n')).toMatch(/sealed values .* same PISHKHAN_SECRET/);
  expect(backup.out.join('\n')).toMatch(/tickets: 4 rows/);
  const at = source.clock.now();
  await source.destroy();

  const restored = await restoreInto(to, archive);
  cleanup.push(() => restored.db.drop());
  expect(restored.err).toEqual([]);
  expect(restored.code).toBe(0);
  expect(restored.out[0]).toMatch(new RegExp(`Archive verified: .* from ${from}`));
  const again = tempFile('again.tar');
  const { t, signIn: signInRestored } = await openRestored(restored.db, at);
  try {
    expect(await backupOf(t as never, again)).toMatchObject({ code: 0 });
    const [was, now] = [await tableChecksums(archive), await tableChecksums(again)];
    // The restore queued one job (the search index rebuild); every other table is byte for byte the same.
    expect({ ...now, jobs: null }).toEqual({ ...was, jobs: null });
    const admin = await signInRestored();
    expect(await deskThroughApi(admin)).toEqual(before);
    expect(await mailboxPassword(t)).toBe(IMAP_PASSWORD);
    const max = await t.ctx.db.selectFrom('tickets').select((eb) => [eb.fn.max('id').as('id'), eb.fn.max('number').as('number')]).executeTakeFirstOrThrow();
    const created = (await admin.post('/api/v1/tickets', { title: 'پس از بازیابی', type: 'service_request' })).json();
    expect(created).toMatchObject({ id: Number(max.id) + 1, number: Number(max.number) + 1 });
    const reply = await admin.post(`/api/v1/tickets/${created.id}/replies`, { body: 'پاسخ تازه' });
    expect(reply.statusCode).toBe(201);
  } finally {
    await t.close();
  }
}

describe(`backup and restore (${dialect})`, () => {
  it(`backup → wipe → restore on ${dialect} keeps every record, id and file`, () => roundTrip(dialect, dialect), 120_000);

  it(`restores a ${other} backup into ${dialect} (SQLite → PostgreSQL is how a desk moves)`, () => roundTrip(other, dialect), 120_000);
});

/** A signed-in HTTP client of a real server process. */
async function serverClient(url: string): Promise<(path: string, body: unknown) => Promise<any>> {
  const headers = await signInOver(url, ADMIN.email, ADMIN.password);
  return async (path, body) => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

describe(`a backup while a server writes (${dialect})`, () => {
  it('holds exactly the snapshot it started from, and restores', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const server = await startServerProcess(db, { PISHKHAN_ADMIN_EMAIL: ADMIN.email, PISHKHAN_ADMIN_PASSWORD: ADMIN.password });
    try {
      const post = await serverClient(server.url);
      const before = [];
      for (let i = 0; i < 3; i++) before.push(await post('/api/v1/tickets', { title: `پیش از پشتیبان ${i}`, type: 'incident' }));
      const archive = tempFile('live.tar');
      const hold = holdAt('backup.after_first_table');
      const out: string[] = [];
      const running = backupCommand({ config: testConfig(db), database: db.database, secret: 'unused-here', positionals: ['backup', archive], flags: {} }, (l) => out.push(l), () => {});
      await hold.reached;
      // The server keeps serving: new tickets, replies on old ones (history, articles, outbox, counters).
      for (let i = 0; i < 5; i++) await post('/api/v1/tickets', { title: `در میانهٔ پشتیبان ${i}`, type: 'incident' });
      for (const t of before) await post(`/api/v1/tickets/${t.id}/replies`, { body: 'پاسخ در میانه' });
      hold.release();
      expect(await running).toBe(0);
      const live = await db.database.kysely.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(live.n)).toBe(8);
      expect(out.join('\n')).toMatch(/ tickets: 3 rows/);
      expect(out.join('\n')).toMatch(/ articles: 0 rows/);

      // Restoring proves the tables agree with each other (a history row of a ticket the archive lacks would break a foreign key).
      const restored = await restoreInto(dialect, archive, 'two-process-secret-0123456789abcdef0123456789');
      cleanup.push(() => restored.db.drop());
      expect(restored.code).toBe(0);
      const k = restored.db.database.kysely;
      expect((await k.selectFrom('tickets').select('title').orderBy('id').execute()).map((r) => r.title)).toEqual(before.map((t) => t.title));
      const counter = await k.selectFrom('counters').select('value').where('name', '=', 'ticket_number').executeTakeFirstOrThrow();
      expect(Number(counter.value)).toBe(Math.max(...before.map((t) => t.number)));
      const events = await k.selectFrom('outbox').select('event').where('event', 'like', 'ticket.%').execute();
      expect(events.map((e) => e.event)).toEqual(['ticket.created', 'ticket.created', 'ticket.created']);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
