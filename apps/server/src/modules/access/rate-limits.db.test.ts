import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { rateLimitStore } from './index.ts';
import type { DB } from '../../schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { publicRateLimit: 5 } });
});
afterAll(() => t.destroy());

// A new address asked about each time: repeated requests for one address back off on their own (link-defence.db.test.ts).
let asked = 0;
const resetRequest = (address: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email: `someone${++asked}@example.test` }, remoteAddress: address, headers: { 'accept-language': 'en' } });

describe('public rate limits (@fastify/rate-limit on a table)', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('answers 429 with Retry-After in the envelope past the limit, per address and route; a new window lets it in again', async () => {
    for (let i = 0; i < 5; i++) expect((await resetRequest('10.1.0.1')).statusCode).toBe(202);
    const limited = await resetRequest('10.1.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address, and another route for the same address, have their own counters.
    expect((await resetRequest('10.1.0.2')).statusCode).toBe(202);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'someone@example.test', password: 'not the password' }, remoteAddress: '10.1.0.1' });
    expect(signIn.statusCode).toBe(401);
    t.clock.advance(60_001);
    expect((await resetRequest('10.1.0.1')).statusCode).toBe(202);
  });

  it('shares the counters between processes through the database', async () => {
    // A second connection (another process's) counts into the same rows.
    const other = openDatabase<DB>(t.testDb.config);
    try {
      const hit = (store: ReturnType<typeof rateLimitStore>) =>
        new Promise<number>((resolve, reject) => {
          const s = new store({} as never).child({ routeInfo: { method: 'POST', url: '/api/v1/session' } } as never);
          s.incr('10.9.9.9', (error, result) => (error ? reject(error) : resolve(result!.current)), 60_000, 5);
        });
      expect(await hit(rateLimitStore(t.ctx.db, t.clock))).toBe(1);
      expect(await hit(rateLimitStore(other.kysely, t.clock))).toBe(2);
      expect(await hit(rateLimitStore(t.ctx.db, t.clock))).toBe(3);
    } finally {
      await other.close();
    }
  });
});

describe('the rate limit on portal ticket submission', () => {
  it('answers a customer 429 with Retry-After past the limit, per sign-in; agents are not limited', async () => {
    const { makeAgent, makeContact, makeGroup, signIn } = await import('../../../test/factories.ts');
    const contact = await makeContact(t);
    const portal = await signIn(t.app, contact.email);
    const submit = (client: typeof portal, extra: Record<string, unknown> = {}) => client.post('/api/v1/tickets', { title: 'چاپگر کار نمی‌کند', description: 'از دیروز', type: 'incident', ...extra });
    for (let i = 0; i < 5; i++) expect((await submit(portal)).statusCode, `ticket ${i + 1}`).toBe(201);
    const limited = await submit(portal);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another customer has a counter of their own; the desk's agents have none.
    expect((await submit(await signIn(t.app, (await makeContact(t)).email))).statusCode).toBe(201);
    const groupId = await makeGroup(t);
    const agent = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] })).email);
    for (let i = 0; i < 6; i++) expect((await submit(agent, { requesterContactId: contact.contactId, assigneeGroupId: groupId })).statusCode).toBe(201);
    t.clock.advance(60_001);
    expect((await submit(portal)).statusCode).toBe(201);
  });
});
