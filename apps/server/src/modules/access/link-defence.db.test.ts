import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, PASSWORD } from '../../../test/factories.ts';
import { accessSettings } from './access.settings.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

let address = 0;
const freshAddress = () => `198.51.100.${++address}`;

const askReset = (email: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email }, remoteAddress, headers: { 'accept-language': 'en' } });

describe('back-off and lock on the one-time-link endpoints', () => {
  it('reset requests back off per address asked about, alike for known and unknown emails, and never lock the sign-in', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const unknown = `nobody-${Date.now()}@example.test`;
    for (const email of [agent.email, unknown]) {
      const from = freshAddress();
      for (let i = 0; i < 3; i++) expect((await askReset(email, from)).statusCode).toBe(202);
    }
    const known = await askReset(agent.email, freshAddress());
    const stranger = await askReset(unknown, freshAddress());
    expect(known.statusCode).toBe(429);
    expect(stranger.statusCode).toBe(429);
    expect(known.json()).toEqual(stranger.json());
    expect(known.json().code).toBe('auth.too_many_attempts');
    expect(known.headers['retry-after']).toBe(stranger.headers['retry-after']);
    // Only three links went out for the known address.
    const links = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'password.reset_requested').where('target_id', '=', String(agent.userId)).execute();
    expect(links).toHaveLength(3);
    // Asking for resets does not touch sign-in.
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD } });
    expect(signIn.statusCode).toBe(200);
  });

  it('locks reset requests for an address after repeated ones, and starts afresh after a quiet lock period', async () => {
    const email = `mailbomb-${Date.now()}@example.test`;
    for (let i = 0; i < 10; i++) {
      t.clock.advance(6 * 60_000);
      expect((await askReset(email, freshAddress())).statusCode, `request ${i + 1}`).toBe(202);
    }
    t.clock.advance(6 * 60_000);
    const locked = await askReset(email, freshAddress());
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(5 * 60);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await askReset(email, freshAddress())).statusCode).toBe(202);
    expect((await askReset(email, freshAddress())).statusCode).toBe(202);
  });

  it('dead invitation and reset links back off per IP address; another address is not held', async () => {
    await accessSettings.set(t.ctx.db, 'access.ip_backoff_after_failures', 3, t.clock.now());
    try {
      const from = freshAddress();
      const use = (url: string, remoteAddress: string) =>
        t.app.inject({ method: 'POST', url, payload: { token: randomBytes(32).toString('base64url'), password: 'a long enough password 9' }, remoteAddress });
      expect((await use('/api/v1/invitations/accept', from)).json().code).toBe('auth.link_invalid');
      expect((await use('/api/v1/password-reset/complete', from)).json().code).toBe('auth.link_invalid');
      expect((await use('/api/v1/invitations/accept', from)).json().code).toBe('auth.link_invalid');
      const held = await use('/api/v1/password-reset/complete', from);
      expect(held.statusCode).toBe(429);
      expect(held.headers['retry-after']).toBe('1');
      expect((await use('/api/v1/invitations/accept', freshAddress())).statusCode).toBe(400);
      t.clock.advance(1000);
      expect((await use('/api/v1/invitations/accept', from)).statusCode).toBe(400);
    } finally {
      await accessSettings.set(t.ctx.db, 'access.ip_backoff_after_failures', 20, t.clock.now());
    }
  });
});
