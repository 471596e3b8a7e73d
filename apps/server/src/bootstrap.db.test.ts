import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { anonymousClient, signIn } from '../test/factories.ts';
import { bootstrapInstallation, INITIAL_PASSWORD_FILE } from './bootstrap.ts';

let t: TestApp;
const logLines: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);

beforeAll(async () => {
  // No admin password configured: the first start must generate one into the data dir.
  t = await createTestApp({ config: { adminPassword: undefined, adminEmail: 'root@desk.example' } });
});
afterAll(() => t.destroy());

describe('first start', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('writes a one-time admin password to a 0600 file and logs only its path', async () => {
    // createTestApp already bootstrapped once (silently); a second run with a real logger must change nothing.
    const file = path.join(t.testDb.dataDir, INITIAL_PASSWORD_FILE);
    const [email, password] = readFileSync(file, 'utf8').trim().split('\n') as [string, string];
    expect(email).toBe('root@desk.example');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const usersBefore = await t.ctx.db.selectFrom('users').select('id').execute();
    await bootstrapInstallation(t.ctx.db, { ...t.ctx.config, adminPassword: undefined }, t.clock, logger, t.settings);
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual(usersBefore);
    expect(logLines.join('')).not.toContain(password);

    // The generated password must be changed before anything else.
    const admin = await signIn(t.app, email, password);
    expect((await admin.get('/api/v1/session')).json().me.mustChangePassword).toBe(true);
    const blocked = await admin.get('/api/v1/agents');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.password_change_required');
    const weak = await admin.put('/api/v1/me/password', { currentPassword: password, newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect((await admin.put('/api/v1/me/password', { currentPassword: password, newPassword: 'a-long-new-admin-password' })).statusCode).toBe(204);
    expect((await admin.get('/api/v1/session')).json().me.mustChangePassword).toBe(false);
    expect((await anonymousClient(t.app).post('/api/v1/session', { email, password })).statusCode).toBe(401);
  });

  it('creates the Service Desk group and default settings, and no demo data', async () => {
    const groups = await t.ctx.db.selectFrom('groups').select(['name', 'name_en']).execute();
    expect(groups).toEqual([{ name: 'میز خدمت', name_en: 'Service Desk' }]);
    const settings = await t.ctx.db.selectFrom('settings').select('key').execute();
    expect(settings.map((s) => s.key)).toContain('tickets.auto_close_after_days');
    expect(settings.map((s) => s.key)).toContain('tickets.reopen_closed_within_days');
    expect(await t.ctx.db.selectFrom('tickets').select('id').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('contacts').select('id').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('organizations').select('id').execute()).toEqual([]);
  });
});
