import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.ts';
import { backupCommand } from '../../src/cli/backup.ts';
import { restoreCommand } from '../../src/cli/restore.ts';
import type { Manifest } from '../../src/platform/backup/index.ts';
import { verifyArchive } from '../../src/platform/backup/index.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { openMailboxSecret } from '../../src/modules/email/index.ts';
import { signIn, type Client } from '../factories.ts';
import { TEST_SECRET, testConfig, type TestApp } from '../harness.ts';
import { createTestDatabase, type TestDatabase } from '../test-database.ts';
import { file, upload } from '../../src/modules/tickets/attachments.test-support.ts';

/** Helpers of the backup tests (not a test file): a desk built through the API, and what it looks like through the API. */

export const ADMIN = { email: 'admin@example.test', password: 'admin-password-123' };
export const IMAP_PASSWORD = 'imap-پسورد-secret-1';

const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>, status = 201) => {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
};

/** Tickets with replies, notes, tags, attachments (one file twice), a merge (a self-reference) and a sealed mailbox password. */
export async function buildDesk(t: TestApp): Promise<void> {
  const admin = await signIn(t.app, ADMIN.email, ADMIN.password);
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) {
    const ticket = await ok(admin.post('/api/v1/tickets', { title: `چاپگر طبقهٔ ${i + 1} کار نمی‌کند`, description: 'شرح «مشکل» با 😀 و <b>markup</b>', type: 'incident', tags: ['چاپگر', `t${i}`] }));
    ids.push(ticket.id);
    await ok(admin.post(`/api/v1/tickets/${ticket.id}/notes`, { body: `یادداشت داخلی ${i}` }));
    const files = await ok(upload(admin, ticket.id, [file(`گزارش-${i}.bin`, Buffer.from(`bytes of file ${i % 2}`.repeat(1000)))]));
    await ok(admin.post(`/api/v1/tickets/${ticket.id}/replies`, { body: `پاسخ ${i}`, attachmentIds: files.items.map((f: any) => f.id) }));
    t.clock.advance(60_000);
  }
  await ok(admin.post(`/api/v1/tickets/${ids[1]}/merge`, { intoTicketId: ids[3] }), 200);
  await ok(admin.post('/api/v1/admin/mailboxes', { address: 'helpdesk@desk.example.test', kind: 'imap', imap: { host: '127.0.0.1', port: 1143, tls: false, user: 'desk', password: IMAP_PASSWORD } }));
}

const sha = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** Every ticket, article, history row and attachment (with its bytes' checksum) as the admin reads them. */
export async function deskThroughApi(admin: Client): Promise<unknown> {
  const list = await ok(admin.get('/api/v1/tickets?limit=200'), 200);
  const tickets = [];
  for (const item of list.items as Array<{ id: number }>) {
    const attachments = (await ok(admin.get(`/api/v1/tickets/${item.id}/attachments?limit=200`), 200)).items as Array<{ id: number }>;
    const contents = [];
    for (const a of attachments) {
      const res = await admin.get(`/api/v1/attachments/${a.id}/content`);
      contents.push({ id: a.id, status: res.statusCode, sha256: sha(res.rawPayload) });
    }
    tickets.push({
      ticket: await ok(admin.get(`/api/v1/tickets/${item.id}`), 200),
      articles: await ok(admin.get(`/api/v1/tickets/${item.id}/articles?limit=200`), 200),
      history: await ok(admin.get(`/api/v1/tickets/${item.id}/history?limit=200`), 200),
      attachments,
      contents,
    });
  }
  return { list, tickets };
}

export function tempFile(name: string): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'pishkhan-backup-')), name);
}

/** `pishkhan backup` of a test app, in this process; returns the exit code and what it printed. */
export async function backupOf(t: TestApp, target: string, flags: Record<string, string | true> = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await backupCommand(
    { config: t.ctx.config, database: { kysely: t.ctx.db, dialect: t.ctx.dialect, poolStats: () => ({ size: 1, open: 1, idle: 1, waiting: 0 }), close: async () => {} }, secret: t.ctx.secret, positionals: ['backup', target], flags },
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

/** `pishkhan restore` into a fresh, unmigrated database of `dialect` (and an empty data dir). */
export async function restoreInto(dialect: TestDatabase['dialect'], archive: string, secret: string | undefined = TEST_SECRET): Promise<{ code: number; db: TestDatabase; out: string[]; err: string[] }> {
  const db = await createTestDatabase({ dialect, migrate: false });
  const out: string[] = [];
  const err: string[] = [];
  const config = testConfig(db, secret === undefined ? {} : { secret });
  if (secret === undefined) delete (config as { secret?: string }).secret;
  const code = await restoreCommand({ config, positionals: ['restore', archive] }, (l) => out.push(l), (l) => err.push(l));
  return { code, db, out, err };
}

/** The restored desk as a running app, its clock where the source's stopped; `signIn()` signs its admin in. */
export async function openRestored(db: TestDatabase, at: number): Promise<{ t: Omit<TestApp, 'destroy' | 'testDb'> & { close(): Promise<void> }; signIn(): Promise<Client> }> {
  const config = testConfig(db);
  const clock = new ManualClock(at);
  const pishkhan = await buildApp({ config, database: db.database, secret: TEST_SECRET, clock, logger: createLogger('silent') });
  const t = { ...pishkhan, clock, dialect: db.dialect, close: () => pishkhan.close() };
  return { t: t as never, signIn: () => signIn(pishkhan.app, ADMIN.email, ADMIN.password) };
}

/** The IMAP password of the desk's mailbox, opened with the app's keys. */
export async function mailboxPassword(t: Pick<TestApp, 'ctx'>): Promise<string | null> {
  const row = await t.ctx.db.selectFrom('mailboxes').selectAll().where('address', '=', 'helpdesk@desk.example.test').executeTakeFirstOrThrow();
  return openMailboxSecret(t.ctx.sealKeys, row, 'imap');
}

/** Each table's checksum from a verified archive (identical rows give identical NDJSON on either dialect). */
export async function tableChecksums(archive: string): Promise<Record<string, string>> {
  const manifest: Manifest = await verifyArchive(archive);
  return Object.fromEntries(manifest.tables.map((t) => [t.name, t.sha256]));
}
