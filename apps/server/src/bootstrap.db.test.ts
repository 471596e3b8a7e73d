import { existsSync, readFileSync, statSync } from 'node:fs';
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
    const short = await admin.put('/api/v1/me/password', { currentPassword: password, newPassword: 'short' });
    expect(short.statusCode).toBe(400); // the OpenAPI minLength (12) refuses it at the edge
    const same = await admin.put('/api/v1/me/password', { currentPassword: password, newPassword: password });
    expect([same.statusCode, same.json().code, same.json().details.reason]).toEqual([422, 'auth.weak_password', 'unchanged']);
    const wrong = await admin.put('/api/v1/me/password', { currentPassword: 'not-the-password', newPassword: 'a-long-new-admin-password' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([422, 'auth.wrong_current_password']);
    expect(statSync(file).isFile()).toBe(true);
    expect((await admin.put('/api/v1/me/password', { currentPassword: password, newPassword: 'a-long-new-admin-password' })).statusCode).toBe(204);
    expect((await admin.get('/api/v1/session')).json().me.mustChangePassword).toBe(false);
    expect(existsSync(file), 'the one-time password file is deleted once changed').toBe(false);
    // A one-person desk works at once: admin, manager and analyst in the Service Desk group.
    const me = (await admin.get('/api/v1/session')).json().me;
    expect(me.agent.roles).toEqual(['admin', 'analyst', 'manager']);
    expect(me.agent.groupIds).toHaveLength(1);
    const first = await admin.post('/api/v1/tickets', { title: 'نخستین درخواست', description: 'آزمون', type: 'incident' });
    expect(first.statusCode, first.body).toBe(201);
    expect((await admin.get(`/api/v1/tickets/${first.json().id}`)).statusCode).toBe(200);
    expect((await anonymousClient(t.app).post('/api/v1/session', { email, password })).statusCode).toBe(401);
  });

});
