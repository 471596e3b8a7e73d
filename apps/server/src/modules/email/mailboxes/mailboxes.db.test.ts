import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/harness.ts';
import { makeAgent, makeGroup, signIn, type Client } from '../../../../test/factories.ts';
import { DEFAULT_MAILBOX_ADDRESS, findMailbox, openMailboxSecret } from '../index.ts';
import { bootstrapInstallation } from '../../../bootstrap.ts';

describe('mailboxes: admin API, sealed secrets, the default mailbox', () => {
  let t: TestApp;
  let admin: Client;
  let analyst: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
  });
  afterAll(() => t?.destroy());

  it('a fresh install has support@localhost, SMTP, routed to "Service Desk" — once, however often bootstrap runs', async () => {
    await bootstrapInstallation(t.ctx.db, t.ctx.config, t.clock, t.ctx.logger, t.settings);
    const list = json(await admin.get('/api/v1/admin/mailboxes'));
    const defaults = list.items.filter((m: any) => m.address === DEFAULT_MAILBOX_ADDRESS);
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({ kind: 'smtp', active: true });
    const group = json(await admin.get(`/api/v1/groups/${defaults[0].groupId}`));
    expect(group.nameEn ?? group.name).toMatch(/Service Desk|میز خدمت/);
  });

  it('creates an IMAP mailbox with sealed passwords that are never returned', async () => {
    const groupId = await makeGroup(t);
    const res = await admin.post('/api/v1/admin/mailboxes', {
      address: 'Helpdesk@Example.TEST',
      kind: 'imap',
      groupId,
      imap: { host: '127.0.0.1', port: 1143, tls: false, user: 'desk', password: 'imap-secret-1' },
      relay: { host: 'relay.example.test', port: 587, security: 'starttls', user: 'desk', password: 'relay-secret-1' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('secret-1');
    const box = json(res);
    expect(box).toMatchObject({ address: 'Helpdesk@Example.TEST', groupId, imap: { host: '127.0.0.1', port: 1143, tls: false, passwordSet: true, folder: 'INBOX', rejectedFolder: 'Pishkhan-rejected' }, relay: { security: 'starttls', passwordSet: true } });
    const row = (await findMailbox(t.ctx.db, box.id))!;
    expect(row.imap_password_sealed).not.toContain('imap-secret-1');
    expect(openMailboxSecret(t.ctx.sealKeys, row, 'imap')).toBe('imap-secret-1');
    expect(openMailboxSecret(t.ctx.sealKeys, row, 'relay')).toBe('relay-secret-1');
    // A sealed value copied to the other column does not open (the context binds it).
    expect(() => openMailboxSecret(t.ctx.sealKeys, { ...row, relay_password_sealed: row.imap_password_sealed }, 'relay')).toThrow();
    expect((await analyst.get(`/api/v1/admin/mailboxes/${box.id}`)).body).not.toContain('secret');
  });

  it('edits at the version, replaces or clears a password, refuses a stale version and a taken address', async () => {
    const box = json(await admin.post('/api/v1/admin/mailboxes', { address: 'edit-me@example.test', kind: 'smtp' }));
    const edited = await admin.patch(`/api/v1/admin/mailboxes/${box.id}`, { version: 1, name: 'Edited', relay: { host: 'smtp.example.test', password: 'p2' } });
    expect(edited.statusCode).toBe(200);
    expect(json(edited)).toMatchObject({ name: 'Edited', version: 2, relay: { host: 'smtp.example.test', passwordSet: true } });
    expect((await admin.patch(`/api/v1/admin/mailboxes/${box.id}`, { version: 1, name: 'late' })).statusCode).toBe(409);
    const cleared = json(await admin.patch(`/api/v1/admin/mailboxes/${box.id}`, { version: 2, relay: { password: null } }));
    expect(cleared.relay.passwordSet).toBe(false);
    const dup = await admin.post('/api/v1/admin/mailboxes', { address: 'EDIT-ME@example.test', kind: 'smtp' });
    expect(dup.statusCode).toBe(409);
    expect(json(dup).code).toBe('record.conflict');
  });

  it('refuses an IMAP mailbox without host or user, an unknown group, and a non-admin write', async () => {
    const noHost = await admin.post('/api/v1/admin/mailboxes', { address: 'imap-nohost@example.test', kind: 'imap', imap: { user: 'x' } });
    expect(noHost.statusCode).toBe(400);
    expect(json(noHost).code).toBe('request.invalid');
    const badGroup = await admin.post('/api/v1/admin/mailboxes', { address: 'nogroup@example.test', kind: 'smtp', groupId: 999999 });
    expect(badGroup.statusCode).toBe(422);
    expect((await analyst.post('/api/v1/admin/mailboxes', { address: 'analyst@example.test', kind: 'smtp' })).statusCode).toBe(403);
    const count = await t.ctx.db.selectFrom('mailboxes').select((eb) => eb.fn.countAll<number>().as('n')).where('address_key', 'in', ['imap-nohost@example.test', 'nogroup@example.test', 'analyst@example.test']).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
