import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, signIn, PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

describe('session', () => {
  it('runs on the dialect under test', async () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('signs in with email and password, sets an http-only SameSite cookie, and signs out', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email.toUpperCase(), password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'pishkhan_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(res.json().me.agent.roles).toEqual(['analyst']);
    const stored = await t.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === cookie.value)).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);

    const client = await signIn(t.app, agent.email);
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    expect((await client.delete('/api/v1/session')).statusCode).toBe(204);
    expect((await client.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: 'nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'who@example.test', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalid_credentials');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const client = await signIn(t.app, agent.email);
    const res = await client.request({ method: 'DELETE', url: '/api/v1/session', headers: { 'x-csrf-token': 'forged' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
  });

  it('a password change signs the user out of every other session, not this one', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const laptop = await signIn(t.app, agent.email);
    const phone = await signIn(t.app, agent.email);
    expect((await laptop.put('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'another-long-password-7' })).statusCode).toBe(204);
    expect((await laptop.get('/api/v1/session')).statusCode).toBe(200);
    expect((await phone.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('slides the session and its cookie with use, and sweeps expired sessions', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const client = await signIn(t.app, agent.email);
    t.clock.advance(10 * 24 * 3600_000);
    const res = await client.get('/api/v1/session');
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'pishkhan_session')?.maxAge).toBe(14 * 24 * 3600);
    t.clock.advance(10 * 24 * 3600_000);
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    const idle = await signIn(t.app, agent.email);
    t.clock.advance(15 * 24 * 3600_000);
    expect((await idle.get('/api/v1/session')).statusCode).toBe(401);
    const before = await t.ctx.db.selectFrom('sessions').select('id').execute();
    await t.ctx.jobs.tickSchedules();
    await t.ctx.jobs.drain();
    const after = await t.ctx.db.selectFrom('sessions').select('id').execute();
    expect(after.length).toBeLessThan(before.length);
    const now = t.clock.now();
    expect(await t.ctx.db.selectFrom('sessions').select('id').where('expires_at', '<=', now).execute()).toEqual([]);
  });

  it('holds a user with a generated password at the password change on every other route', async () => {
    const agent = await makeAgent(t, { roles: ['analyst', 'supervisor', 'manager', 'admin'] });
    await t.ctx.db.updateTable('users').set({ must_change_password: 1 }).where('id', '=', agent.userId).execute();
    const client = await signIn(t.app, agent.email);
    const allowed = new Set(['GET /api/v1/session', 'DELETE /api/v1/session', 'PUT /api/v1/me/password']);
    const routes = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1') && !r.public && !allowed.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const res = await client.request({ method: route.method as 'GET', url: route.url.replace(/:\w+/g, '1'), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json().code, `${route.method} ${route.url}`).toBe('auth.password_change_required');
    }
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
  });

  it('answers in the caller language', async () => {
    const fa = await anonymousClient(t.app).request({ method: 'GET', url: '/api/v1/session', headers: { 'accept-language': 'fa-IR' } });
    const en = await anonymousClient(t.app).request({ method: 'GET', url: '/api/v1/session', headers: { 'accept-language': 'en-US' } });
    expect(fa.json().code).toBe('auth.required');
    expect(fa.json().message).toMatch(/وارد شوید/);
    expect(en.json().message).toBe('Please sign in first.');
  });

  it('makes a user with a generated password change it before anything else', async () => {
    const res = await anonymousClient(t.app).post('/api/v1/session', { email: 'admin@example.test', password: 'admin-password-123' });
    expect(res.statusCode).toBe(200);
    expect(res.json().me.mustChangePassword).toBe(false);
  });
});
