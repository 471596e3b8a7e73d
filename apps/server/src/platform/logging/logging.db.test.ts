import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, PASSWORD } from '../../../test/factories.ts';
import { REDACT_PATHS } from './logger.ts';

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
  t = await createTestApp({ logger });
});
afterAll(() => t.destroy());

describe('logs', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('carry request ids and never a password, session token or CSRF token', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD } });
    const token = res.cookies.find((c) => c.name === 'pishkhan_session')!.value;
    const csrf = res.json().csrfToken as string;
    await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: `pishkhan_session=${token}`, 'x-csrf-token': csrf } });
    const text = lines.join('');
    expect(text).toContain(res.headers['x-request-id'] as string);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(token);
    expect(text).not.toContain(csrf);
    expect(text).not.toContain(t.ctx.secret);
  });

  it('write one line per request, with its id, method, URL, address, status and time', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/session?probe=1', headers: { 'accept-language': 'en' }, remoteAddress: '192.0.2.9' });
    const mine = lines.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.reqId === res.headers['x-request-id']);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/api/v1/session?probe=1', remoteAddress: '192.0.2.9' }, res: { statusCode: res.statusCode } });
    expect(mine[0]!.responseTime).toEqual(expect.any(Number));
  });

  it('never carry the one-time token of a link in mail, nor an OIDC callback\'s code and state', async () => {
    const token = 'Tk9wM2xwYXNzd29yZC1vbmUtdGltZS10b2tlbg';
    const responses = [
      await t.app.inject({ method: 'GET', url: `/m/${token}`, headers: { 'accept-language': 'en' } }),
      await t.app.inject({ method: 'GET', url: `/api/v1/mail-links/${token}?lang=en` }),
      await t.app.inject({ method: 'GET', url: `/api/v1/sso/oidc/1/callback?code=${token}&state=${token}x` }),
    ];
    const ids = new Set(responses.map((r) => r.headers['x-request-id']));
    const mine = lines.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => ids.has(l.reqId));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(mine)).not.toContain(token);
    const urls = mine.filter((l) => l.msg === 'request completed').map((l) => l.req.url);
    expect(urls).toEqual(['/m/:token', '/api/v1/mail-links/:token?lang=en', '/api/v1/sso/oidc/1/callback?code=[redacted]&state=[redacted]']);
  });
});
