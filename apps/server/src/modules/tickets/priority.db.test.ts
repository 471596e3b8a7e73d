import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, signIn } from '../../../test/factories.ts';
import { DEFAULT_PRIORITY_MATRIX } from './priority.ts';
import { expectStatus, makeDesk, openTicket, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const URL = '/api/v1/settings/priority-matrix';

describe('priority matrix setting', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('any agent reads it; contacts 403; anonymous 401', async () => {
    for (const m of [d.analystA, d.crm, d.adminOnly, d.manager]) expect(expectStatus(await m.client.get(URL), 200)).toEqual({ matrix: DEFAULT_PRIORITY_MATRIX });
    expect((await d.contactShared.client.get(URL)).statusCode).toBe(403);
    expect((await anonymousClient(t.app).get(URL)).statusCode).toBe(401);
  });

  it('only an admin changes it; bad matrices are refused; only later computations change', async () => {
    const before = await openTicket(d.analystA.client, { impact: 3, urgency: 3 });
    expect(before.priority).toBe(4);
    const matrix = [
      [1, 1, 2],
      [1, 2, 3],
      [2, 3, 3],
    ];
    expect((await d.manager.client.put(URL, { matrix })).statusCode).toBe(403);
    expect((await d.analystA.client.put(URL, { matrix })).statusCode).toBe(403);
    for (const bad of [[[1, 2, 3]], [[1, 2, 3], [2, 3, 4], [3, 4, 5]], [[0, 2, 3], [2, 3, 4], [3, 4, 4]], [[1, 2, 3], [2, 3, 4], [3, 4, '4']], 'x']) {
      expect((await d.adminOnly.client.put(URL, { matrix: bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await d.adminOnly.client.put(URL, { matrix, extra: 1 })).statusCode).toBe(400);
    expect(expectStatus(await d.adminOnly.client.put(URL, { matrix }), 200)).toEqual({ matrix });
    expect(expectStatus(await d.analystA.client.get(URL), 200)).toEqual({ matrix });

    const after = await openTicket(d.analystA.client, { impact: 3, urgency: 3 });
    expect(after.priority).toBe(3);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${before.id}`), 200).priority).toBe(4);
    const admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin', 'analyst'] })).email);
    expectStatus(await admin.put(URL, { matrix: DEFAULT_PRIORITY_MATRIX }), 200);
  });
});
