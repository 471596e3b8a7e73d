import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let admin: Client;
let deadId: number;
let doneId: number;

beforeAll(async () => {
  t = await createTestApp();
  const { jobs: testJobs } = withTestJobs<{ 'test.always_fails': { ticketId: number }; 'test.succeeds': object }>(t);
  testJobs.define({
    name: 'test.always_fails',
    maxAttempts: 1,
    async handler() {
      throw new Error('unreachable host');
    },
  });
  testJobs.define({ name: 'test.succeeds', async handler() {} });
  await testJobs.enqueue(t.ctx.db, 'test.always_fails', { ticketId: 7 });
  await testJobs.enqueue(t.ctx.db, 'test.succeeds', {});
  await t.ctx.jobs.drain();
  const jobs = await t.ctx.db.selectFrom('jobs').select(['id', 'name']).execute();
  deadId = jobs.find((j) => j.name === 'test.always_fails')!.id;
  doneId = jobs.find((j) => j.name === 'test.succeeds')!.id;
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
});
afterAll(() => t.destroy());

describe('admin: jobs', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('is for admins only: 401 anonymous, 403 for every other role and for contacts', async () => {
    expect((await anonymousClient(t.app).get('/api/v1/admin/jobs')).statusCode).toBe(401);
    expect((await anonymousClient(t.app).post(`/api/v1/admin/jobs/${deadId}/retry`)).statusCode).toBe(401);
    const others: Client[] = [];
    for (const role of ['analyst', 'supervisor', 'manager', 'crm'] as const) others.push(await signIn(t.app, (await makeAgent(t, { roles: [role] })).email));
    others.push(await signIn(t.app, (await makeContact(t)).email));
    for (const client of others) {
      const list = await client.get('/api/v1/admin/jobs?status=dead');
      expect(list.statusCode).toBe(403);
      expect(list.json().code).toBe('access.forbidden');
      expect((await client.post(`/api/v1/admin/jobs/${deadId}/retry`)).statusCode).toBe(403);
      // Not even an unknown id is told apart.
      expect((await client.post('/api/v1/admin/jobs/999999999/retry')).statusCode).toBe(403);
    }
    expect((await t.ctx.db.selectFrom('jobs').select('status').where('id', '=', deadId).executeTakeFirstOrThrow()).status).toBe('dead');
  });

  it('lists jobs newest first, filtered by status, with times as ISO strings and the last error', async () => {
    const dead = json(await admin.get('/api/v1/admin/jobs?status=dead'));
    expect(dead.items.map((j: any) => j.id)).toEqual([deadId]);
    expect(dead.items[0]).toMatchObject({
      name: 'test.always_fails',
      status: 'dead',
      attempts: 1,
      maxAttempts: 1,
      lastError: 'unreachable host',
      payload: { ticketId: 7 },
      finishedAt: new Date(t.clock.now()).toISOString(),
    });
    const all = json(await admin.get('/api/v1/admin/jobs?limit=1'));
    expect(all.items).toHaveLength(1);
    expect(all.nextCursor).not.toBeNull();
    const next = json(await admin.get(`/api/v1/admin/jobs?limit=1&cursor=${all.nextCursor}`));
    expect(next.items[0].id).toBeLessThan(all.items[0].id);
    expect((await admin.get('/api/v1/admin/jobs?status=stuck')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/admin/jobs?limit=100000')).statusCode).toBe(400);
  });

  it('retries a dead job once; anything else is 409, an unknown job 404', async () => {
    expect((await admin.post('/api/v1/admin/jobs/999999999/retry')).statusCode).toBe(404);
    const notDead = await admin.post(`/api/v1/admin/jobs/${doneId}/retry`);
    expect(notDead.statusCode).toBe(409);
    expect(notDead.json()).toMatchObject({ code: 'job.not_dead', details: { status: 'done' } });

    t.clock.advance(1000);
    const retried = await admin.post(`/api/v1/admin/jobs/${deadId}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(json(retried)).toMatchObject({ id: deadId, status: 'ready', attempts: 0, runAt: new Date(t.clock.now()).toISOString(), finishedAt: null });
    expect((await admin.post(`/api/v1/admin/jobs/${deadId}/retry`)).statusCode).toBe(409);
    expect(await t.ctx.jobs.drain()).toBe(1);
    expect((await t.ctx.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', deadId).executeTakeFirstOrThrow())).toEqual({
      status: 'dead',
      attempts: 1,
    });
  });
});
