import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../../test/fixtures/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { openLive, signInOver } from '../../../test/live-stream.ts';
import { hashPassword, insertUser } from '../../modules/access/index.ts';
import { insertAgent, insertGroup } from '../../modules/people/index.ts';
import { transaction } from '../db/index.ts';
import type { LiveFrame } from './types.ts';

// A change made through one `pishkhan start` process reaches a browser streaming from another
// (PostgreSQL: LISTEN/NOTIFY between two real processes). SQLite is one server process by design
// (ADR 0008), so there the same journey runs through one process: writer and stream share it.
const PASSWORD = 'two-process-password-1403';
let db: TestDatabase;
let writer: ServerProcess;
let reader: ServerProcess;
let deskId: number;
const emails = { writer: 'writer@example.test', reader: 'reader@example.test', outsider: 'outsider@example.test' };

beforeAll(async () => {
  db = await createTestDatabase();
  const hash = await hashPassword(PASSWORD);
  await transaction(db.database.kysely, async (trx) => {
    const now = Date.now();
    const desk = await insertGroup(trx, { name: 'Desk', nameEn: 'Desk', description: null, active: true, now });
    deskId = desk;
    const elsewhere = await insertGroup(trx, { name: 'Elsewhere', nameEn: 'Elsewhere', description: null, active: true, now });
    for (const [name, email] of Object.entries(emails)) {
      const userId = await insertUser(trx, { email, passwordHash: hash, mustChangePassword: false, locale: 'en', now });
      await insertAgent(trx, { userId, name, roles: ['analyst'], groupIds: [name === 'outsider' ? elsewhere : desk], now });
    }
  });
  writer = await startServerProcess(db);
  reader = db.config.dialect === 'postgres' ? await startServerProcess(db) : writer;
}, 180_000);
afterAll(async () => {
  await writer?.stop();
  if (reader !== writer) await reader?.stop();
  await db?.drop();
});

describe('live updates across processes', () => {
  it('a ticket created through one process reaches a stream on the other within a second; an outsider hears only that queues changed', async () => {
    const wh = await signInOver(writer.url, emails.writer, PASSWORD);
    const rh = await signInOver(reader.url, emails.reader, PASSWORD);
    const oh = await signInOver(reader.url, emails.outsider, PASSWORD);
    const stream = await openLive(reader.url, rh);
    const outsider = await openLive(reader.url, oh);
    await stream.next((f) => f.event === 'ready');
    await outsider.next((f) => f.event === 'ready');
    const res = await fetch(`${writer.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { ...wh, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'چاپگر طبقه دوم کار نمی‌کند', description: 'کاغذ گیر کرده است', type: 'incident', assigneeGroupId: deskId }),
    });
    expect(res.status).toBe(201);
    // From the committed answer to the frame on the other process (not the create's own time).
    const committed = performance.now();
    const { id } = (await res.json()) as { id: number };
    const about = (f: LiveFrame) => f.event === 'ticket' && (f.data as { ticketId: number }).ticketId === id;
    await stream.next(about, 5000);
    expect(performance.now() - committed).toBeLessThan(1000);
    await outsider.next((f) => f.event === 'queues', 5000);
    expect(outsider.frames.some(about)).toBe(false);

    // Presence reported to one process is shown by the other (its stream and its GET).
    expect((await fetch(`${writer.url}/api/v1/tickets/${id}/presence`, { method: 'PUT', headers: { ...wh, 'content-type': 'application/json' }, body: '{"state":"typing"}' })).status).toBe(204);
    const frame = await stream.next((f) => f.event === 'presence', 5000);
    expect((frame.data as { viewers: Array<{ name: string; state: string }> }).viewers).toEqual([expect.objectContaining({ name: 'writer', state: 'typing' })]);
    const shown = (await (await fetch(`${reader.url}/api/v1/tickets/${id}/presence`, { headers: rh })).json()) as { viewers: unknown[] };
    expect(shown.viewers).toHaveLength(1);
    stream.close();
    outsider.close();
  });
});
