import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type Pishkhan } from './app.ts';
import { bootstrapInstallation } from './bootstrap.ts';
import { secretRotateCommand } from './cli/secret-rotate.ts';
import { deriveKey, open, secretRotationContribution, startSecretRotation } from './platform/crypto/index.ts';
import { ManualClock } from './platform/clock/index.ts';
import { createLogger } from './platform/logging/logger.ts';
import { backupTables } from './platform/backup/tables.ts';
import { LINK_SEAL_CONTEXT } from './modules/access/index.ts';
import { sealedValues } from './sealed-values.ts';
import { signIn } from '../test/factories.ts';
import { testConfig } from '../test/harness.ts';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { startServerProcess } from '../test/fixtures/server-process.ts';

const OLD = 'the-old-secret-0123456789abcdef0123456789';
const NEW = 'the-new-secret-9876543210fedcba9876543210';
const ADMIN = { email: 'admin@example.test', password: 'admin-password-123' };
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function appOn(db: TestDatabase, secret: string, previousSecret?: string): Promise<Pishkhan> {
  const config = testConfig(db, { secret, ...(previousSecret ? { previousSecret } : {}) });
  const app = await buildApp({ config, database: db.database, secret, clock: new ManualClock(Date.UTC(2026, 11, 2, 9)), logger: createLogger('silent') });
  await bootstrapInstallation(app.ctx.db, config, app.ctx.clock, createLogger('silent'), app.settings);
  return app;
}

/** Every sealed value of the desk with the context it opens under. */
async function sealedOf(app: Pishkhan): Promise<Array<{ sealed: string; context: string }>> {
  const db = app.ctx.db;
  const out: Array<{ sealed: string; context: string }> = [];
  for (const box of await db.selectFrom('mailboxes').select(['id', 'imap_password_sealed', 'relay_password_sealed']).execute()) {
    if (box.imap_password_sealed) out.push({ sealed: box.imap_password_sealed, context: `mailbox:${box.id}:imap_password` });
    if (box.relay_password_sealed) out.push({ sealed: box.relay_password_sealed, context: `mailbox:${box.id}:relay_password` });
  }
  const relay = await db.selectFrom('settings').select('value').where('key', '=', 'email.default_relay').executeTakeFirst();
  const sealedRelay = relay && (JSON.parse(relay.value) as { passwordSealed?: string } | null)?.passwordSealed;
  if (sealedRelay) out.push({ sealed: sealedRelay, context: 'email:default_relay' });
  for (const event of await db.selectFrom('outbox').select('payload').where('event', '=', 'access.link_issued').execute()) {
    out.push({ sealed: (JSON.parse(event.payload) as { sealedLink: string }).sealedLink, context: LINK_SEAL_CONTEXT });
  }
  for (const job of await db.selectFrom('jobs').select('payload').where('name', '=', 'test.link_mail').execute()) {
    out.push({ sealed: (JSON.parse(job.payload) as { payload: { sealedLink: string } }).payload.sealedLink, context: LINK_SEAL_CONTEXT });
  }
  return out;
}

describe('the registry of sealed values', () => {
  it('covers every *_sealed column of the schema', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const inSchema = (await backupTables(db.database.kysely)).flatMap((t) => t.columns.filter((c) => c.endsWith('_sealed')).map((c) => `${t.name}.${c}`));
    const inRegistry = sealedValues.flatMap((v) => (v.columns ?? []).map((c) => `${c.table}.${c.column}`));
    expect(inSchema.length).toBeGreaterThan(0);
    expect(inRegistry.sort()).toEqual(inSchema.sort());
  });

  it('names every source file that seals a value', () => {
    const root = path.resolve(import.meta.dirname);
    const sealers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && /(^|[^.\w])seal\(/.test(readFileSync(full, 'utf8'))) sealers.push(path.relative(root, full));
      }
    };
    walk(path.join(root, 'modules'));
    expect(sealers.length).toBeGreaterThan(0);
    expect(sealers.sort()).toEqual([...new Set(sealedValues.flatMap((v) => v.sealedIn))].sort());
  });
});

describe('secret rotation', () => {
  it('re-seals every sealed value under the new secret as a job of the running server, which reports done', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const before = await appOn(db, OLD);
    const admin = await signIn(before.app, ADMIN.email, ADMIN.password);
    const box = await admin.post('/api/v1/admin/mailboxes', {
      address: 'helpdesk@desk.example.test',
      kind: 'imap',
      imap: { host: '127.0.0.1', port: 1143, tls: false, user: 'desk', password: 'imap-secret-1' },
      relay: { host: 'relay.example.test', port: 587, security: 'starttls', user: 'desk', password: 'relay-secret-1' },
    });
    expect(box.statusCode).toBe(201);
    expect((await admin.put('/api/v1/admin/email/default-relay', { relay: { host: 'smtp.example.test', port: 587, security: 'starttls', user: 'desk', password: 'default-relay-1' } })).statusCode).toBe(200);
    const agent = await admin.post('/api/v1/agents', { email: 'sara@desk.example.test', name: 'سارا', roles: ['analyst'], groupIds: [1] });
    expect((await admin.post(`/api/v1/agents/${agent.json().id}/invitation`)).statusCode).toBe(201);
    // A job the dispatcher made of the event carries the sealed link too (a finished one: no runner takes it).
    const event = await before.ctx.db.selectFrom('outbox').select(['id', 'event', 'payload', 'created_at']).where('event', '=', 'access.link_issued').executeTakeFirstOrThrow();
    const at = before.ctx.clock.now();
    await before.ctx.db
      .insertInto('jobs')
      .values({ name: 'test.link_mail', payload: JSON.stringify({ outboxId: event.id, event: event.event, payload: JSON.parse(event.payload), occurredAt: event.created_at }), status: 'done', run_at: at, attempts: 1, max_attempts: 1, locked_by: null, locked_until: null, last_error: null, unique_key: null, created_at: at, updated_at: at, finished_at: at })
      .execute();
    const old = await sealedOf(before);
    expect(old).toHaveLength(5);
    const plain = old.map((v) => open(before.ctx.sealKeys, v.sealed, v.context));
    await before.close();

    // A server restarted with the new secret and the old one beside it; the CLI starts the job and waits for its report.
    const server = await startServerProcess(db, { PISHKHAN_SECRET: NEW, PISHKHAN_SECRET_PREVIOUS: OLD });
    const cli = await appOn(db, NEW, OLD);
    try {
      // The restarted server turns the undispatched event into its link-mail job first, whose
      // payload carries the sealed link as well: that makes a sixth value to re-seal.
      await vi.waitFor(async () => expect(await cli.ctx.db.selectFrom('jobs').select('id').where('name', '=', 'notifications.link_mail').execute()).toHaveLength(1), { timeout: 30_000 });
      const lines: string[] = [];
      expect(await secretRotateCommand(cli.ctx, {}, (l) => lines.push(l))).toBe(0);
      expect(lines.at(-1)).toMatch(new RegExp(`done — 6 values re-sealed under key ${deriveKey(NEW).id}`));
    } finally {
      await server.stop();
      await cli.close();
    }

    // Afterwards the new secret alone opens every value, each sealed under its key; the old one opens none.
    const after = await appOn(db, NEW);
    cleanup.push(() => after.close());
    const now = await sealedOf(after);
    expect(now.map((v) => v.sealed.split('.')[0])).toEqual(Array(5).fill(deriveKey(NEW).id));
    expect(now.map((v) => open(after.ctx.sealKeys, v.sealed, v.context))).toEqual(plain);
    expect(() => open([deriveKey(OLD)], now[0]!.sealed, now[0]!.context)).toThrow(/No key/);
  }, 180_000);

  it('is never done by a process still sealing under the old secret', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const app = await appOn(db, NEW, OLD);
    cleanup.push(() => app.close());
    const rotation = await startSecretRotation(app.ctx.db, app.ctx);
    const job = secretRotationContribution({ sealKeys: [deriveKey(OLD)], clock: app.ctx.clock }, sealedValues).jobs![0]!;
    await expect(app.ctx.db.transaction().execute((trx) => job.handler({ trx, payload: { rotationId: rotation.id } } as never))).rejects.toThrow(/restart it with the new PISHKHAN_SECRET/);
  });

  it('refuses to start without the previous secret, on one line with exit 2', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const app = await appOn(db, NEW);
    cleanup.push(() => app.close());
    const errors: string[] = [];
    expect(await secretRotateCommand(app.ctx, {}, () => {}, (l) => errors.push(l))).toBe(2);
    expect(errors).toEqual([expect.stringMatching(/^secret\.previous_required: To rotate the secret, .* \/ برای چرخش رمز پایه/)]);
  });
});
