import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-database.ts';
import { TEST_SECRET } from '../../../../test/harness.ts';

const bin = path.resolve(import.meta.dirname, '../../../../bin/pishkhan.mjs');
const N = 5;
const K = 3;

/** A real `pishkhan start` whose SMTP port is read from its log; resolves once it listens. */
function startServer(db: TestDatabase, env: Record<string, string>): Promise<{ child: ChildProcess; smtpPort: number; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      PISHKHAN_TEST_BUILD: '1',
      DATABASE_URL: db.config.dialect === 'sqlite' ? `sqlite:${db.config.file}` : db.config.url,
      PISHKHAN_SECRET: TEST_SECRET,
      PISHKHAN_DATA_DIR: db.dataDir,
      PISHKHAN_ADMIN_EMAIL: 'admin@example.test',
      PISHKHAN_ADMIN_PASSWORD: 'admin-password-123',
      PORT: '0',
      HOST: '127.0.0.1',
      PISHKHAN_SMTP_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /"smtpPort":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, smtpPort: Number(m[1]), exited });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    void exited.then(() => reject(new Error(`server exited before listening: ${out}`)));
  });
}

// A client redelivers the same bytes: the Date and Message-ID are fixed.
const mail = (i: number) => ({ date: new Date(Date.UTC(2026, 11, 1, 10, 0, i)), from: `crash${i}@customer.example`, to: 'support@localhost', subject: `crash ${i}`, text: `message ${i}`, messageId: `<crash-${i}@customer.example>` });

/**
 * Nothing lost, nothing doubled: a real server process is SIGKILLed after message K of N committed
 * and before its 250 (fault point email.after_commit_before_ack, PISHKHAN_TEST_FAULT_AT=K). Before
 * the restart K messages are committed and the K-th was never acknowledged; after the restart the
 * client sends the whole batch again and every message is exactly one ticket.
 */
describe('SMTP ingestion survives a crash between commit and 250', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it(`kills the server after message ${K} of ${N}; redelivery makes each message exactly one ticket`, async () => {
    const crashing = await startServer(db, { PISHKHAN_TEST_FAULT: 'email.after_commit_before_ack', PISHKHAN_TEST_FAULT_AT: String(K) });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: crashing.smtpPort, secure: false, ignoreTLS: true });
    const acknowledged: number[] = [];
    for (let i = 1; i <= N; i++) {
      try {
        await transport.sendMail(mail(i));
        acknowledged.push(i);
      } catch {
        break;
      }
    }
    expect(await crashing.exited).toBe('SIGKILL');
    const committed = await db.database.kysely.selectFrom('email_messages').select('message_id').orderBy('id').execute();
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(N);
    expect(committed.map((r) => r.message_id)).toEqual(Array.from({ length: K }, (_, i) => `<crash-${i + 1}@customer.example>`));
    // Message K committed but its 250 never came.
    expect(acknowledged).toEqual(Array.from({ length: K - 1 }, (_, i) => i + 1));

    const server = await startServer(db, {});
    try {
      const again = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });
      for (let i = 1; i <= N; i++) await again.sendMail(mail(i));
      const rows = await db.database.kysely.selectFrom('email_messages').select(['message_id', 'ticket_id']).orderBy('id').execute();
      expect(rows).toHaveLength(N);
      const tickets = await db.database.kysely.selectFrom('tickets').select(['id', 'title']).where('title', 'like', 'crash %').execute();
      expect(tickets.map((t) => t.title).sort()).toEqual(Array.from({ length: N }, (_, i) => `crash ${i + 1}`));
      expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(N);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 240_000);
});
