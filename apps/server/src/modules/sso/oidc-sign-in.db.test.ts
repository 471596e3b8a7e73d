import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeGroup, signIn, type Client } from '../../../test/factories.ts';
import { freePort } from '../../../test/fixtures/dovecot.ts';
import { OIDC_CLIENT, startOidcProvider, type TestOidcProvider } from '../../../test/fixtures/oidc-provider.ts';
import { open, seal } from '../../platform/crypto/index.ts';
import { findUserByEmail } from '../access/index.ts';
import { FLOW_COOKIE } from './oidc/flow-cookie.ts';

/** OpenID Connect sign-in against a real oidc-provider in this process: code flow with PKCE, state and nonce. */
describe('single sign-on with OpenID Connect (real oidc-provider)', () => {
  let t: TestApp;
  let idp: TestOidcProvider;
  let admin: Client;
  let providerId: number;
  let deskGroup: number;
  let accounts: Record<string, Record<string, unknown>>;

  /** The browser's trip: start → provider (signed in as `account`) → callback; returns the callback's answer. */
  async function signInAt(account: string, tamper?: (flow: Record<string, unknown>, callback: URL) => { cookie?: string; callback?: URL }) {
    idp.signInAs(account);
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/sso/oidc/${providerId}/start?returnTo=/tickets/42` });
    expect(start.statusCode).toBe(302);
    const flowCookie = start.cookies.find((c) => c.name === FLOW_COOKIE)!;
    expect(flowCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/sso/oidc/' });
    const authorization = new URL(start.headers.location as string);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    let callback = new URL(await idp.authorize(authorization.href));
    expect(callback.pathname).toBe(`/api/v1/sso/oidc/${providerId}/callback`);
    let cookie = flowCookie.value;
    if (tamper) {
      const changed = tamper(JSON.parse(open(t.ctx.sealKeys, cookie, 'sso.oidc_flow')), callback);
      cookie = changed.cookie ?? cookie;
      callback = changed.callback ?? callback;
    }
    return t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `${FLOW_COOKIE}=${cookie}`, 'accept-language': 'en' } });
  }
  const resealed = (flow: Record<string, unknown>) => seal(t.ctx.sealKeys[0]!, JSON.stringify(flow), 'sso.oidc_flow');
  const sessionOf = async (res: Awaited<ReturnType<typeof signInAt>>) => {
    const cookie = res.cookies.find((c) => c.name === 'pishkhan_session');
    if (!cookie) return null;
    return json(await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `pishkhan_session=${cookie.value}` } })).me;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    deskGroup = await makeGroup(t);
    const port = await freePort();
    const res = await admin.post('/api/v1/admin/sso/oidc-providers', {
      name: 'Company Keycloak',
      issuerUrl: `http://127.0.0.1:${port}`,
      clientId: OIDC_CLIENT.id,
      clientSecret: OIDC_CLIENT.secret,
      rolesClaim: 'groups',
      claimMappings: [
        { value: 'desk-agents', roles: ['analyst'], groupIds: [deskGroup] },
        { value: 'desk-leads', roles: ['supervisor'] },
      ],
      unmappedAs: 'none',
    });
    expect(res.statusCode).toBe(201);
    providerId = json(res).id;
    idp = await startOidcProvider({
      port,
      redirectUri: json(res).redirectUri,
      accounts: (accounts = {
        leila: { email: 'leila@corp.example', email_verified: true, name: 'Leila Sadeghi', preferred_username: 'leila', groups: ['desk-agents', 'staff'] },
        kian: { email: 'kian@corp.example', email_verified: true, name: 'Kian Bahrami', groups: ['staff'] },
        eve: { email: 'eve@corp.example', email_verified: false, name: 'Eve', groups: ['desk-agents'] },
      }),
    });
  }, 30_000);
  afterAll(async () => {
    await t?.destroy();
    await idp?.stop();
  });

  it('the code flow signs a new agent in with the mapped roles and groups, no local password, back to returnTo; audited', async () => {
    const res = await signInAt('leila');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/tickets/42');
    // The flow cookie is spent.
    expect(res.cookies.find((c) => c.name === FLOW_COOKIE)).toMatchObject({ value: '' });
    const me = await sessionOf(res);
    expect(me).toMatchObject({ email: 'leila@corp.example', agent: { name: 'Leila Sadeghi', roles: ['analyst'], groupIds: [deskGroup] } });
    expect((await findUserByEmail(t.ctx.db, 'leila@corp.example'))!.password_hash).toBeNull();
    const [entry] = json(await admin.get('/api/v1/admin/audit?action=sso.sign_in')).items;
    expect(entry).toMatchObject({ targetId: String(me.userId), details: { source: 'oidc', providerId, subject: 'leila', change: 'created' } });
  });

  it('a claim mapping change takes effect at the next sign-in', async () => {
    const p = json(await admin.get(`/api/v1/admin/sso/oidc-providers/${providerId}`));
    expect(p.clientSecretSet).toBe(true);
    expect(JSON.stringify(p)).not.toContain(OIDC_CLIENT.secret);
    await admin.patch(`/api/v1/admin/sso/oidc-providers/${providerId}`, { version: p.version, claimMappings: [{ value: 'desk-agents', roles: ['manager', 'analyst'] }] });
    const me = await sessionOf(await signInAt('leila'));
    // No group in the new rule: the memberships stay as they were.
    expect(me.agent).toMatchObject({ roles: ['analyst', 'manager'], groupIds: [deskGroup] });
  });

  it('claims that map to no role (and no contact) are refused with 403 sso.no_access, and no session', async () => {
    const res = await signInAt('kian');
    expect(res.statusCode).toBe(403);
    expect(json(res)).toMatchObject({ code: 'sso.no_access' });
    expect(res.cookies.find((c) => c.name === 'pishkhan_session')).toBeUndefined();
    // Nobody was created for them.
    expect(await findUserByEmail(t.ctx.db, 'kian@corp.example')).toBeUndefined();
  });

  it('an agent whose claims no longer map to a role is refused, and their agent side and sessions end', async () => {
    const first = await signInAt('leila');
    const cookie = first.cookies.find((c) => c.name === 'pishkhan_session')!.value;
    accounts.leila!.groups = ['staff'];
    const res = await signInAt('leila');
    expect(json(res).code).toBe('sso.no_access');
    const user = (await findUserByEmail(t.ctx.db, 'leila@corp.example'))!;
    expect((await t.ctx.actorSides(t.ctx.db, user.id)).agent).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `pishkhan_session=${cookie}` } })).statusCode).toBe(401);
    // Back in the group: the same sign-in is an agent again.
    accounts.leila!.groups = ['desk-agents'];
    expect((await sessionOf(await signInAt('leila'))).userId).toBe(user.id);
  });

  it('an email the provider marks unverified is no email: nobody is created or linked', async () => {
    const res = await signInAt('eve');
    expect(res.statusCode).toBe(422);
    expect(json(res).code).toBe('sso.email_missing');
    expect(await findUserByEmail(t.ctx.db, 'eve@corp.example')).toBeUndefined();
  });

  it('a wrong state, a wrong nonce, a wrong PKCE verifier, a missing or expired flow: 400 sso.flow_invalid, no session, audited', async () => {
    const cases: [string, Parameters<typeof signInAt>[1]][] = [
      ['state', (_f, cb) => (cb.searchParams.set('state', 'forged-state'), { callback: cb })],
      ['nonce', (f) => ({ cookie: resealed({ ...f, nonce: 'another-nonce' }) })],
      ['pkce', (f) => ({ cookie: resealed({ ...f, codeVerifier: 'x'.repeat(43) }) })],
      ['forged cookie', () => ({ cookie: 'not-sealed' })],
      ['other provider', (f) => ({ cookie: resealed({ ...f, providerId: providerId + 1 }) })],
    ];
    for (const [what, tamper] of cases) {
      const res = await signInAt('leila', tamper);
      expect(res.statusCode, what).toBe(400);
      expect(json(res).code, what).toBe('sso.flow_invalid');
      expect(res.cookies.find((c) => c.name === 'pishkhan_session'), what).toBeUndefined();
    }
    const expired = await signInAt('leila', (f) => ({ cookie: resealed({ ...f, expiresAt: t.clock.now() - 1 }) }));
    expect(json(expired).code).toBe('sso.flow_invalid');
    const failures = json(await admin.get('/api/v1/admin/audit?action=sso.sign_in_failed')).items;
    expect(failures.filter((e: any) => e.targetType === 'sso_oidc_provider').length).toBeGreaterThanOrEqual(6);
    expect(failures[0]).toMatchObject({ ip: '127.0.0.1', details: { source: 'oidc' } });
    // Each refusal for its own reason (newest first): the checks each did their part.
    expect(failures.slice(0, 6).map((e: any) => e.details.reason)).toEqual([
      'no_flow', // expired
      'no_flow', // another provider's
      'no_flow', // forged
      'OAUTH_RESPONSE_BODY_ERROR', // the provider refused the verifier (invalid_grant)
      'OAUTH_JWT_CLAIM_COMPARISON_FAILED', // the ID token's nonce
      'OAUTH_INVALID_RESPONSE', // the state
    ]);
  });

  it('returnTo is a path of this site only', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const start = await t.app.inject({ method: 'GET', url: `/api/v1/sso/oidc/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}` });
      const flow = JSON.parse(open(t.ctx.sealKeys, start.cookies.find((c) => c.name === FLOW_COOKIE)!.value, 'sso.oidc_flow'));
      expect(flow.returnTo, returnTo).toBe('/');
    }
  });

  it('an inactive provider is not offered and cannot be used', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/sso/options' })).oidcProviders).toEqual([{ id: providerId, name: 'Company Keycloak', startUrl: `/api/v1/sso/oidc/${providerId}/start` }]);
    const p = json(await admin.get(`/api/v1/admin/sso/oidc-providers/${providerId}`));
    await admin.patch(`/api/v1/admin/sso/oidc-providers/${providerId}`, { version: p.version, active: false });
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/sso/options' })).oidcProviders).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/sso/oidc/${providerId}/start` })).statusCode).toBe(404);
  });
});
