import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/factories.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

// Role queues: a manager sees all open and all unassigned tickets across groups; a crm agent the
// open tickets of the organisations they manage. Others do not have these views at all.
let t: TestApp;
let d: Desk;
const tk: Record<string, any> = {};

beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
  const step = () => t.clock.advance(60_000);
  tk.aMine = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
  step();
  tk.aFree = await openTicket(d.analystA.client);
  step();
  tk.bShared = await openTicket(d.analystB.client, { requesterContactId: d.contactShared.contactId });
  step();
  tk.bPrivate = await openTicket(d.analystB.client, { requesterContactId: d.contactPrivate.contactId });
  step();
  tk.aSharedDone = await openTicket(d.analystA.client, { requesterContactId: d.colleagueShared.contactId });
  expectStatus(await patchCurrent(d.analystA.client, tk.aSharedDone.id, { status: 'resolved' }), 200);
  step();
  tk.aSharedMine = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId, assigneeAgentId: d.analystA.agentId });
});
afterAll(() => t.destroy());

async function ids(client: Client, name: string): Promise<number[]> {
  return expectStatus(await client.get(`/api/v1/queues/${name}/tickets`), 200).items.map((i: any) => i.id);
}
async function names(client: Client): Promise<string[]> {
  return expectStatus(await client.get('/api/v1/queues'), 200).items.map((i: any) => i.name);
}

describe('role queues', () => {
  it('a manager sees every open ticket across groups, and every unassigned one, newest first', async () => {
    expect(await ids(d.manager.client, 'all_open')).toEqual([tk.aSharedMine.id, tk.bPrivate.id, tk.bShared.id, tk.aFree.id, tk.aMine.id]);
    expect(await ids(d.manager.client, 'all_unassigned')).toEqual([tk.bPrivate.id, tk.bShared.id, tk.aFree.id]);
    const counts = Object.fromEntries(expectStatus(await d.manager.client.get('/api/v1/queues'), 200).items.map((i: any) => [i.name, i.count]));
    expect(counts).toMatchObject({ all_open: 5, all_unassigned: 3 });
  });

  it('a crm agent sees the open tickets of the organisations they manage, in any group', async () => {
    expect(await ids(d.crm.client, 'my_organizations_open')).toEqual([tk.aSharedMine.id, tk.bShared.id]);
    expect(await names(d.crm.client)).toContain('my_organizations_open');
    expect(await names(d.crm.client)).not.toContain('all_open');
  });

  it('the role views are not there for other roles: not listed, and their tickets 404', async () => {
    for (const client of [d.analystA.client, d.supervisorA.client, d.adminOnly.client]) {
      const listed = await names(client);
      for (const name of ['all_open', 'all_unassigned', 'my_organizations_open']) {
        expect(listed).not.toContain(name);
        const res = await client.get(`/api/v1/queues/${name}/tickets`);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('record.not_found');
      }
    }
    expect((await d.manager.client.get('/api/v1/queues/my_organizations_open/tickets')).statusCode).toBe(404);
  });

  it('the filter field account_manager takes @me or an agent id, and only eq', async () => {
    const filter = encodeURIComponent(JSON.stringify({ all: [{ field: 'account_manager', op: 'eq', value: d.crm.agentId }, { field: 'status', op: 'in', value: ['new', 'open'] }] }));
    const listed = expectStatus(await d.manager.client.get(`/api/v1/tickets?filter=${filter}`), 200).items.map((i: any) => i.id);
    expect(listed.sort()).toEqual([tk.aSharedMine.id, tk.bShared.id].sort());
    const bad = await d.manager.client.get(`/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify({ field: 'account_manager', op: 'in', value: [1] }))}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('filter.op');
  });
});
