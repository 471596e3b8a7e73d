import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, PASSWORD, signIn, type Client } from '../../../test/factories.ts';
import { findDirectoryRow } from './directories.repository.ts';
import { findOidcProviderRow } from './oidc-providers.repository.ts';
import { openSsoSecret } from './sso-secrets.ts';

const DIRECTORY = {
  name: 'Head office AD',
  url: 'ldaps://dc1.corp.example:636',
  bindDn: 'CN=svc-pishkhan,OU=Service,DC=corp,DC=example',
  bindPassword: 'bind-secret-123',
  userBase: 'OU=Staff,DC=corp,DC=example',
  userFilter: '(&(objectClass=user)(sAMAccountName={login})(!(userAccountControl:1.2.840.113556.1.4.803:=2)))',
};

/** Admin → Single sign-on: the configuration API, its refusals, sealed secrets, the audit, and "agents must use SSO". */
describe('single sign-on configuration', () => {
  let t: TestApp;
  let admin: Client;
  let analyst: Client;
  let groupId: number;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst', 'manager'] })).email);
    groupId = await makeGroup(t);
  });
  afterAll(() => t?.destroy());

  it('adds a directory with defaults; the bind password is sealed to its row and never answered', async () => {
    const res = await admin.post('/api/v1/admin/sso/directories', { ...DIRECTORY, groupMappings: [{ group: 'CN=Helpdesk,OU=Groups,DC=corp,DC=example', roles: ['analyst'], groupIds: [groupId] }], syncEveryMinutes: 60 });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('bind-secret-123');
    const dir = json(res);
    expect(dir).toMatchObject({
      bindPasswordSet: true,
      groupBase: null,
      groupFilter: '(&(objectClass=groupOfNames)(member={dn}))',
      attributes: { login: 'uid', email: 'mail', name: 'cn', id: 'entryUUID' },
      groupMappings: [{ group: 'CN=Helpdesk,OU=Groups,DC=corp,DC=example', roles: ['analyst'], groupIds: [groupId] }],
      unmappedAs: 'none',
      syncEveryMinutes: 60,
      lastSyncedAt: null,
      active: true,
      version: 1,
    });
    const row = (await findDirectoryRow(t.ctx.db, dir.id))!;
    expect(row.bind_password_sealed).not.toContain('bind-secret-123');
    expect(openSsoSecret(t.ctx.sealKeys, 'directory', dir.id, row.bind_password_sealed)).toBe('bind-secret-123');
    // Bound to its row: the same sealed value does not open as another directory's.
    expect(() => openSsoSecret(t.ctx.sealKeys, 'directory', dir.id + 1, row.bind_password_sealed)).toThrow();

    const edited = await admin.patch(`/api/v1/admin/sso/directories/${dir.id}`, { version: 1, attributes: { login: 'sAMAccountName', id: 'objectGUID' }, bindPassword: 'new-bind-secret-456' });
    expect(edited.statusCode).toBe(200);
    expect(json(edited)).toMatchObject({ version: 2, attributes: { login: 'sAMAccountName', email: 'mail', name: 'cn', id: 'objectGUID' } });
    const after = (await findDirectoryRow(t.ctx.db, dir.id))!;
    expect(openSsoSecret(t.ctx.sealKeys, 'directory', dir.id, after.bind_password_sealed)).toBe('new-bind-secret-456');
    expect((await admin.patch(`/api/v1/admin/sso/directories/${dir.id}`, { version: 1, name: 'stale' })).statusCode).toBe(409);

    const audit = json(await admin.get(`/api/v1/admin/audit?action=sso.config_changed&targetId=${dir.id}`)).items;
    expect(audit.map((e: any) => e.details)).toEqual([
      { fields: ['attributes', 'bindPassword'] },
      { created: true, fields: ['bindDn', 'bindPassword', 'groupMappings', 'name', 'syncEveryMinutes', 'url', 'userBase', 'userFilter'] },
    ]);
    expect(JSON.stringify(audit)).not.toContain('secret-');
  });

  it('refuses bad configuration with a clear 4xx and changes nothing', async () => {
    const before = json(await admin.get('/api/v1/admin/sso/directories')).items.length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...DIRECTORY, url: 'ldap://dc1.corp.example' }, 422, 'sso.insecure_url'],
      [{ ...DIRECTORY, url: 'http://dc1.corp.example' }, 400, 'request.invalid'],
      [{ ...DIRECTORY, userFilter: '(sAMAccountName=alice)' }, 400, 'request.invalid'],
      [{ ...DIRECTORY, userFilter: 'sAMAccountName={login}' }, 400, 'request.invalid'],
      [{ ...DIRECTORY, groupMappings: [{ group: 'CN=x', roles: ['wizard'] }] }, 400, 'request.invalid'],
      [{ ...DIRECTORY, groupMappings: [{ group: 'CN=x', roles: ['analyst'], groupIds: [987654] }] }, 422, 'record.invalid_reference'],
      [{ ...DIRECTORY, syncEveryMinutes: 1 }, 400, 'request.invalid'],
      [{ ...DIRECTORY, unexpected: true }, 400, 'request.invalid'],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.request({ method: 'POST', url: '/api/v1/admin/sso/directories', payload: body, headers: { 'accept-language': 'fa' } });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(json(res).code).toBe(code);
      expect(json(res).message).toMatch(/[\u0600-\u06FF]/);
    }
    const oidc = await admin.post('/api/v1/admin/sso/oidc-providers', { name: 'x', issuerUrl: 'http://idp.corp.example', clientId: 'c', clientSecret: 's' });
    expect(json(oidc)).toMatchObject({ code: 'sso.insecure_url', details: { field: 'issuerUrl' } });
    expect((await admin.post('/api/v1/admin/sso/oidc-providers', { name: 'x', issuerUrl: 'https://idp.corp.example', clientId: 'c', clientSecret: 's', scopes: 'email profile' })).statusCode).toBe(400);
    expect(json(await admin.get('/api/v1/admin/sso/directories')).items.length).toBe(before);
    // ldap:// to another host is accepted with StartTLS (nothing crosses the network in clear).
    const upgraded = await admin.post('/api/v1/admin/sso/directories', { ...DIRECTORY, url: 'ldap://dc1.corp.example', startTls: true });
    expect(json(upgraded)).toMatchObject({ url: 'ldap://dc1.corp.example', startTls: true });
    expect((await admin.patch(`/api/v1/admin/sso/directories/${json(upgraded).id}`, { version: 1, startTls: false })).statusCode).toBe(422);
    expect((await admin.get('/api/v1/admin/sso/directories/987654')).statusCode).toBe(404);
  });

  it('adds an OIDC provider: client secret sealed, the redirect URI to register, defaults', async () => {
    const res = await admin.post('/api/v1/admin/sso/oidc-providers', { name: 'Entra ID', issuerUrl: 'https://login.corp.example/tenant/v2.0', clientId: 'desk', clientSecret: 'client-secret-789', rolesClaim: 'realm_access.roles' });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('client-secret-789');
    const p = json(res);
    expect(p).toMatchObject({ clientSecretSet: true, scopes: 'openid email profile', rolesClaim: 'realm_access.roles', claimMappings: [], unmappedAs: 'none', redirectUri: `http://localhost:8080/api/v1/sso/oidc/${p.id}/callback` });
    const row = (await findOidcProviderRow(t.ctx.db, p.id))!;
    expect(openSsoSecret(t.ctx.sealKeys, 'oidc', p.id, row.client_secret_sealed)).toBe('client-secret-789');
    expect(() => openSsoSecret(t.ctx.sealKeys, 'directory', p.id, row.client_secret_sealed)).toThrow();
  });

  it('only admins read or change it', async () => {
    for (const [method, url] of [['GET', '/api/v1/admin/sso/directories'], ['GET', '/api/v1/admin/sso/oidc-providers'], ['GET', '/api/v1/admin/sso/settings'], ['PUT', '/api/v1/admin/sso/settings']] as const) {
      const res = await analyst.request({ method, url, ...(method === 'PUT' ? { payload: { agentsRequireSso: true } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(json(await admin.get('/api/v1/admin/sso/settings'))).toEqual({ agentsRequireSso: false });
  });

  it('"agents must use SSO": an agent’s password sign-in is refused after the password is proved; admins and contacts keep theirs', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const otherAdmin = await makeAgent(t, { roles: ['admin'] });
    const contact = await makeContact(t, { canSignIn: true });
    expect(json(await admin.put('/api/v1/admin/sso/settings', { agentsRequireSso: true }))).toEqual({ agentsRequireSso: true });
    const password = (email: string, pw = PASSWORD) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: pw }, headers: { 'accept-language': 'en' } });
    const refused = await password(agent.email);
    expect(refused.statusCode).toBe(403);
    expect(json(refused)).toMatchObject({ code: 'auth.sso_required', message: expect.stringContaining('single sign-on') });
    // A wrong password still gets the ordinary answer: the refusal tells a guesser nothing.
    expect(json(await password(agent.email, 'not-the-password')).code).toBe('auth.invalid_credentials');
    expect((await password(otherAdmin.email)).statusCode).toBe(200);
    expect((await password(contact.email!)).statusCode).toBe(200);
    const [entry] = json(await admin.get('/api/v1/admin/audit?action=settings.changed')).items;
    expect(entry).toMatchObject({ targetId: 'access.agents_require_sso', details: { from: false, to: true } });
    await admin.put('/api/v1/admin/sso/settings', { agentsRequireSso: false });
    expect((await password(agent.email)).statusCode).toBe(200);
  });
});
