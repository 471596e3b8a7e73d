import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeApiToken, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let admin: Client;
let adminUserId: number;
let adminEmail: string;
beforeAll(async () => {
  t = await createTestApp();
  const person = await makeAgent(t, { roles: ['admin', 'manager'] });
  adminUserId = person.userId;
  adminEmail = person.email;
  admin = await signIn(t.app, person.email);
});
afterAll(() => t.destroy());

const withToken = (token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });

describe('personal API tokens', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('is created from a session, shown once, stored as SHA-256, listed with last use, and dies when revoked or expired', async () => {
    const created = await admin.post('/api/v1/me/tokens', { name: 'reporting', scopes: ['read', 'write'], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(token).toMatch(/^pkn_[A-Za-z0-9_-]{43}$/);
    expect(item.scopes).toEqual(['read', 'write']);
    const stored = await t.ctx.db.selectFrom('api_tokens').select('token_hash').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);

    const me = await withToken(token, 'GET', '/api/v1/session');
    expect(me.statusCode).toBe(200);
    expect(me.json().me.userId).toBe(adminUserId);
    // A token needs no CSRF token for a write.
    expect((await withToken(token, 'POST', '/api/v1/tickets', { title: 'از توکن', type: 'incident' })).statusCode).toBe(201);
    const listed = (await admin.get('/api/v1/me/tokens')).json().items.find((x: { id: number }) => x.id === item.id);
    expect(listed.lastUsedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(JSON.stringify(listed)).not.toContain(token);

    // A token cannot mint tokens.
    const minted = await withToken(token, 'POST', '/api/v1/me/tokens', { name: 'more', scopes: ['read'] });
    expect([minted.statusCode, minted.json().code]).toEqual([403, 'auth.token_needs_session']);

    t.clock.advance(30 * 24 * 3600_000 + 1);
    const expired = await withToken(token, 'GET', '/api/v1/session');
    expect([expired.statusCode, expired.json().code]).toEqual([401, 'auth.invalid_token']);
    admin = await signIn(t.app, adminEmail); // the session outlived by the clock's jump

    const other = (await admin.post('/api/v1/me/tokens', { name: 'short-lived', scopes: ['read'] })).json();
    expect((await withToken(other.token, 'GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/tokens/${other.item.id}`)).statusCode).toBe(204);
    expect((await withToken(other.token, 'GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await withToken('pkn_not-a-real-token-at-all-000000000000000000', 'GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });

  it('acts as its user narrowed by its scopes: admin only with the admin scope; non-admins cannot ask for admin or metrics', async () => {
    const plain = await makeApiToken(t, adminUserId, ['read']);
    expect((await withToken(plain.token, 'GET', '/api/v1/admin/jobs')).statusCode).toBe(403);
    expect((await withToken(plain.token, 'GET', '/api/v1/session')).json().me.agent.roles).toEqual(['manager']);
    const full = await makeApiToken(t, adminUserId, ['admin', 'read']);
    expect((await withToken(full.token, 'GET', '/api/v1/admin/jobs')).statusCode).toBe(200);
    const analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
    expect((await analyst.post('/api/v1/me/tokens', { name: 'x', scopes: ['admin'] })).statusCode).toBe(403);
    expect((await analyst.post('/api/v1/me/tokens', { name: 'x', scopes: ['metrics'] })).statusCode).toBe(403);
  });

  it('enforces its scopes on every route before the route runs', async () => {
    const read = await makeApiToken(t, adminUserId, ['admin', 'read']);
    const write = await makeApiToken(t, adminUserId, ['admin', 'write']);
    const metrics = await makeApiToken(t, adminUserId, ['metrics']);
    const failures: string[] = [];
    for (const route of t.app.routeCatalog) {
      // An id no record has: a write that got through must not revoke this test's own tokens.
      // The live stream answers its opening frames and ends with ?once=true (a stream never ends otherwise).
      const url = route.url.replace(/:[A-Za-z]+/g, '987654321').replace('*', 'x') + (route.url === '/api/v1/live' ? '?once=true' : '');
      const method = route.method as 'GET';
      const isRead = method === 'GET';
      const check = async (token: string, scope: string, allowed: boolean) => {
        const res = await withToken(token, method, url, isRead ? undefined : {});
        const refused = res.statusCode === 403 && res.json().code === 'auth.token_scope';
        if (refused === allowed) failures.push(`${scope} ${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 80)}`);
      };
      if (route.url.startsWith('/api/docs')) continue; // the API docs skip authentication: public files
      // Links in mail are authorised by the one-time token in their URL alone, never by a session or an API token.
      if (route.url.startsWith('/m/') || route.url.startsWith('/api/v1/mail-links/')) continue;
      if (route.url === '/metrics') {
        await check(read.token, 'read', false);
        await check(metrics.token, 'metrics', true);
        continue;
      }
      await check(read.token, 'read', isRead);
      await check(write.token, 'write', !isRead);
      await check(metrics.token, 'metrics', false);
    }
    expect(failures).toEqual([]);
  });

  it('/metrics: request rate and latency by route, jobs, outbox lag, the pool and event-loop lag, for a metrics token only', async () => {
    const metrics = await makeApiToken(t, adminUserId, ['metrics']);
    await admin.get('/api/v1/tickets');
    const res = await withToken(metrics.token, 'GET', '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'pishkhan_http_requests_total{method="GET",route="/api/v1/tickets",status="200"}',
      'pishkhan_http_request_duration_seconds_bucket',
      'pishkhan_jobs{status="dead"}',
      'pishkhan_jobs_retrying',
      'pishkhan_outbox_pending',
      'pishkhan_outbox_lag_seconds',
      'pishkhan_db_pool_connections{state="size"}',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(res.body, name).toContain(name);
    }
    expect((await admin.get('/metrics')).statusCode).toBe(403);
  });
});
