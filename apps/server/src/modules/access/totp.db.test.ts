import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, clientOfSession, makeAgent, makeContact, signIn, PASSWORD } from '../../../test/factories.ts';
import { accessSettings } from './access.settings.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

const codeAt = (secret: string, ms = t.clock.now()) => generate({ secret, epoch: Math.floor(ms / 1000) });
const STEP = 30_000;

async function auditActions(userId: number): Promise<string[]> {
  const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'user').where('target_id', '=', String(userId)).orderBy('id').execute();
  return rows.map((r) => r.action);
}

/** An agent who has enrolled and confirmed: their secret and recovery codes. */
async function enrolled(roles: Parameters<typeof makeAgent>[1]['roles'] = ['analyst']) {
  const agent = await makeAgent(t, { roles });
  const client = await signIn(t.app, agent.email);
  const started = await client.post('/api/v1/me/totp');
  expect(started.statusCode).toBe(201);
  const { secret } = started.json();
  const confirmed = await client.post('/api/v1/me/totp/confirm', { code: await codeAt(secret) });
  expect(confirmed.statusCode).toBe(200);
  t.clock.advance(STEP); // the confirming code's step is used
  return { agent, client, secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

async function passwordStep(email: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD }, headers: { 'accept-language': 'en' } });
}

async function secondStep(challenge: string, code: string, language = 'en') {
  return t.app.inject({ method: 'POST', url: '/api/v1/session/second-factor', payload: { challenge, code }, headers: { 'accept-language': language } });
}

describe('TOTP second factor', () => {
  it('enrols with a locally drawn QR code, seals the secret, and confirms with a code', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const client = await signIn(t.app, agent.email);
    expect((await client.get('/api/v1/me/totp')).json()).toMatchObject({ enabled: false, pending: false });
    const res = await client.post('/api/v1/me/totp');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toContain(`secret=${body.secret}`);
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Pishkhan:/);
    expect(body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    const row = await t.ctx.db.selectFrom('user_totp').selectAll().where('user_id', '=', agent.userId).executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(body.secret);
    expect(row.confirmed_at).toBeNull();
    expect((await client.get('/api/v1/me/totp')).json()).toMatchObject({ enabled: false, pending: true });

    const wrong = await client.post('/api/v1/me/totp/confirm', { code: '000000' === (await codeAt(body.secret)) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('auth.totp_code_invalid');

    const ok = await client.post('/api/v1/me/totp/confirm', { code: await codeAt(body.secret) });
    expect(ok.statusCode).toBe(200);
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.ctx.db.selectFrom('totp_recovery_codes').select('code_hash').where('user_id', '=', agent.userId).execute();
    expect(stored).toHaveLength(10);
    expect(stored.some((s) => codes.includes(s.code_hash))).toBe(false);
    expect((await client.get('/api/v1/me/totp')).json()).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    expect((await client.post('/api/v1/me/totp')).json().code).toBe('auth.totp_already_enabled');
    expect(await auditActions(agent.userId)).toEqual(expect.arrayContaining(['totp.enrolment_started', 'totp.enrolled']));
  });

  it('confirming without a started enrolment is 409; a contact and an API token cannot enrol', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const client = await signIn(t.app, agent.email);
    expect((await client.post('/api/v1/me/totp/confirm', { code: '123456' })).json().code).toBe('auth.totp_not_pending');
    const contact = await makeContact(t, { canSignIn: true });
    const portal = await signIn(t.app, contact.email);
    expect((await portal.post('/api/v1/me/totp')).statusCode).toBe(403);
    const token = (await client.post('/api/v1/me/tokens', { name: 'script', scopes: ['read', 'write'] })).json().token;
    const viaToken = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp', headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json().code).toBe('auth.session_required');
  });

  it('sign-in asks for the code: the password alone starts no session; the challenge and a code do', async () => {
    const { agent, secret } = await enrolled();
    const first = await passwordStep(agent.email);
    expect(first.statusCode).toBe(202);
    expect(first.cookies.find((c) => c.name === 'pishkhan_session')).toBeUndefined();
    const { challenge, secondFactor } = first.json();
    expect(secondFactor).toBe('totp');

    const done = await secondStep(challenge, await codeAt(secret));
    expect(done.statusCode).toBe(200);
    const client = clientOfSession(t.app, done);
    expect((await client.get('/api/v1/session')).json().me.userId).toBe(agent.userId);
    // The challenge worked once.
    const again = await secondStep(challenge, await codeAt(secret, t.clock.now() + STEP));
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('auth.second_factor_expired');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', String(agent.userId)).where('action', '=', 'session.sign_in').execute();
    expect(audit.map((a) => JSON.parse(a.details))).toContainEqual({ secondFactor: 'totp' });
  });

  it('a wrong code is refused in fa and en, counts as a failure, and leaves the challenge usable; a code works once', async () => {
    const { agent, secret } = await enrolled();
    const { challenge } = (await passwordStep(agent.email)).json();
    const right = await codeAt(secret);
    const wrongCode = right === '123456' ? '654321' : '123456';
    const wrong = await secondStep(challenge, wrongCode);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.second_factor_invalid');
    expect((await secondStep(challenge, wrongCode, 'fa')).json().message).toMatch(/[\u0600-\u06FF]/);
    const failures = await t.ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'session.sign_in_failed').where('target_id', '=', String(agent.userId)).execute();
    expect(failures.map((f) => JSON.parse(f.details).step)).toEqual(['totp', 'totp']);
    expect((await secondStep(challenge, right)).statusCode).toBe(200);
    // The same code (same step) a second time does not open another session.
    const next = (await passwordStep(agent.email)).json().challenge;
    expect((await secondStep(next, right)).json().code).toBe('auth.second_factor_invalid');
  });

  it('the challenge expires after five minutes', async () => {
    const { agent, secret } = await enrolled();
    const { challenge } = (await passwordStep(agent.email)).json();
    t.clock.advance(5 * 60_000 + 1);
    const res = await secondStep(challenge, await codeAt(secret));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.second_factor_expired');
  });

  it('repeated wrong codes back off and lock the account like wrong passwords', async () => {
    const { agent, secret } = await enrolled();
    const from = { remoteAddress: '192.0.2.77' };
    const wrongCode = async () => ((await codeAt(secret)) === '123456' ? '654321' : '123456');
    const attempt = async () => {
      const { challenge } = (await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD }, ...from })).json();
      return t.app.inject({ method: 'POST', url: '/api/v1/session/second-factor', payload: { challenge, code: await wrongCode() }, ...from });
    };
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    // The fourth try comes too soon: back-off at the first step already, with Retry-After.
    const early = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD }, ...from });
    expect(early.statusCode).toBe(429);
    expect(early.json().code).toBe('auth.too_many_attempts');
    expect(early.headers['retry-after']).toBe('1');
    for (let i = 3; i < 10; i++) {
      t.clock.advance(65_000);
      expect((await attempt()).statusCode).toBe(401);
    }
    t.clock.advance(65_000);
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD }, ...from });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(15 * 60_000);
    expect((await passwordStep(agent.email)).statusCode).toBe(202);
  });

  it('a recovery code signs in once, in any case and with or without its dash, and is audited', async () => {
    const { agent, recoveryCodes } = await enrolled();
    const code = recoveryCodes[0]!;
    const { challenge } = (await passwordStep(agent.email)).json();
    const done = await secondStep(challenge, ` ${code.replace('-', '').toUpperCase()} `);
    expect(done.statusCode).toBe(200);
    const reused = await secondStep((await passwordStep(agent.email)).json().challenge, code);
    expect(reused.json().code).toBe('auth.second_factor_invalid');
    expect(await auditActions(agent.userId)).toContain('totp.recovery_code_used');
    expect((await clientOfSession(t.app, done).get('/api/v1/me/totp')).json().recoveryCodesLeft).toBe(9);
  });

  it('renewing recovery codes replaces them; disabling needs a code and turns the second step off', async () => {
    const { agent, client, secret, recoveryCodes } = await enrolled();
    expect((await client.post('/api/v1/me/totp/recovery-codes', { code: 'nope-nope' })).statusCode).toBe(422);
    const renewed = await client.post('/api/v1/me/totp/recovery-codes', { code: await codeAt(secret) });
    expect(renewed.statusCode).toBe(200);
    const fresh: string[] = renewed.json().recoveryCodes;
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
    expect((await client.post('/api/v1/me/totp/disable', { code: recoveryCodes[1]! })).statusCode).toBe(422);
    expect((await client.post('/api/v1/me/totp/disable', { code: fresh[0]! })).statusCode).toBe(204);
    expect((await passwordStep(agent.email)).statusCode).toBe(200);
    expect(await auditActions(agent.userId)).toEqual(expect.arrayContaining(['totp.recovery_codes_renewed', 'totp.disabled']));
    expect(await t.ctx.db.selectFrom('totp_recovery_codes').select('id').where('user_id', '=', agent.userId).execute()).toHaveLength(0);
  });

  it('an admin resets someone’s second factor (audited); others may not', async () => {
    const { agent } = await enrolled();
    const admin = await makeAgent(t, { roles: ['admin'] });
    const adminClient = await signIn(t.app, admin.email);
    const analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
    expect((await analyst.post(`/api/v1/admin/users/${agent.userId}/totp/reset`)).statusCode).toBe(403);
    expect((await adminClient.post(`/api/v1/admin/users/${agent.userId}/totp/reset`)).statusCode).toBe(204);
    expect((await adminClient.post(`/api/v1/admin/users/${agent.userId}/totp/reset`)).json().code).toBe('auth.totp_not_enabled');
    expect((await adminClient.post('/api/v1/admin/users/999999/totp/reset')).statusCode).toBe(404);
    expect((await passwordStep(agent.email)).statusCode).toBe(200);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'totp.reset').where('target_id', '=', String(agent.userId)).executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(admin.userId);
  });

  it('with the setting on, an admin without a second factor is sent to enrolment, and let through once enrolled', async () => {
    const admin = await makeAgent(t, { roles: ['admin'] });
    const analyst = await makeAgent(t, { roles: ['analyst'] });
    await accessSettings.set(t.ctx.db, 'access.totp_required_for_admins', true, t.clock.now());
    try {
      const client = await signIn(t.app, admin.email);
      expect((await client.get('/api/v1/session')).json().me.mustEnrolTotp).toBe(true);
      const blocked = await client.get('/api/v1/agents');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().code).toBe('auth.totp_enrolment_required');
      expect((await (await signIn(t.app, analyst.email)).get('/api/v1/agents')).statusCode).toBe(200);
      const { secret } = (await client.post('/api/v1/me/totp')).json();
      expect((await client.post('/api/v1/me/totp/confirm', { code: await codeAt(secret) })).statusCode).toBe(200);
      expect((await client.get('/api/v1/agents')).statusCode).toBe(200);
      expect((await client.get('/api/v1/session')).json().me.mustEnrolTotp).toBe(false);
    } finally {
      await accessSettings.set(t.ctx.db, 'access.totp_required_for_admins', false, t.clock.now());
    }
  });

  it('refuses a malformed second-step body with 400', async () => {
    const res = await anonymousClient(t.app).post('/api/v1/session/second-factor', { challenge: 'x' });
    expect(res.statusCode).toBe(400);
  });
});
