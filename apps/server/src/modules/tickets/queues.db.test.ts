import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketFilter } from '@pishkhan/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, type Client } from '../../../test/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { BUILTIN_QUEUE_VIEWS } from './queues.ts';
import { countTickets } from './tickets.queries.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
const tk: Record<string, any> = {};

beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
  const a = d.analystA.client;
  const step = () => t.clock.advance(60_000);
  tk.mine = await openTicket(a, { assigneeAgentId: d.analystA.agentId });
  step();
  tk.unassigned = await openTicket(a);
  step();
  tk.pending = await openTicket(a, { assigneeAgentId: d.analystA.agentId });
  expectStatus(await patchCurrent(a, tk.pending.id, { status: 'pending_customer' }), 200);
  step();
  tk.referred = await openTicket(a);
  expectStatus(await a.post(`/api/v1/tickets/${tk.referred.id}/escalations`, { kind: 'functional', groupId: d.groupB, reason: 'network' }), 200);
  step();
  tk.resolved = await openTicket(a);
  expectStatus(await patchCurrent(a, tk.resolved.id, { status: 'resolved' }), 200);
  step();
  tk.escalated = await openTicket(a);
  expectStatus(await a.post(`/api/v1/tickets/${tk.escalated.id}/escalations`, { kind: 'hierarchical', reason: 'slow' }), 200);
  step();
  tk.inB = await openTicket(d.analystB.client);
  step();
  tk.toManagers = await openTicket(d.analystB.client);
  for (let i = 0; i < 2; i++) expectStatus(await d.analystB.client.post(`/api/v1/tickets/${tk.toManagers.id}/escalations`, { kind: 'hierarchical', reason: 'slow' }), 200);
});
afterAll(() => t.destroy());

async function counts(client: Client): Promise<Record<string, number>> {
  const body = expectStatus(await client.get('/api/v1/queues'), 200);
  // Far below the cap (1,000): every count is exact.
  for (const item of body.items) expect(item, item.name).toMatchObject({ capped: false });
  // The built-in views and the role queues; the SLA module's contributed ones are counted in sla.db.test.ts.
  const sla = new Set(['breaching_soon', 'breached']);
  return Object.fromEntries(body.items.filter((i: any) => !sla.has(i.name)).map((i: any) => [i.name, i.count]));
}

async function walk(client: Client, name: string, limit: number): Promise<number[]> {
  const out: number[] = [];
  let cursor: string | null = null;
  do {
    const page: any = expectStatus(await client.get(`/api/v1/queues/${name}/tickets?limit=${limit}${cursor ? '&cursor=' + cursor : ''}`), 200);
    out.push(...page.items.map((i: any) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const zeros = Object.fromEntries(BUILTIN_QUEUE_VIEWS.map((v) => [v.name, 0]));

describe('queues', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('counts every view for an analyst, a supervisor, another group and a manager', async () => {
    expect(await counts(d.analystA.client)).toEqual({
      my_open: 1,
      unassigned_in_my_groups: 2,
      open_in_my_groups: 4,
      pending: 1,
      escalated_to_me: 0,
      referred_elsewhere: 1,
      recently_resolved: 1,
    });
    expect(await counts(d.supervisorA.client)).toEqual({
      my_open: 0,
      unassigned_in_my_groups: 2,
      open_in_my_groups: 4,
      pending: 1,
      escalated_to_me: 1,
      referred_elsewhere: 1,
      recently_resolved: 1,
    });
    expect(await counts(d.analystB.client)).toEqual({
      my_open: 0,
      unassigned_in_my_groups: 3,
      open_in_my_groups: 3,
      pending: 0,
      escalated_to_me: 0,
      referred_elsewhere: 0,
      recently_resolved: 0,
    });
    // Managers also have the role queues across groups (role-queues.db.test.ts): 7 open, 5 of them unassigned.
    expect(await counts(d.manager.client)).toEqual({ ...zeros, escalated_to_me: 1, all_open: 7, all_unassigned: 5 });
  });

  it('lists each view’s tickets, most recently updated first, and the counts match the lists', async () => {
    const views: Record<string, number[]> = {
      my_open: [tk.mine.id],
      unassigned_in_my_groups: [tk.escalated.id, tk.unassigned.id],
      open_in_my_groups: [tk.escalated.id, tk.pending.id, tk.unassigned.id, tk.mine.id],
      pending: [tk.pending.id],
      escalated_to_me: [tk.escalated.id],
      referred_elsewhere: [tk.referred.id],
      recently_resolved: [tk.resolved.id],
    };
    for (const [name, expected] of Object.entries(views)) {
      expect(await walk(d.supervisorA.client, name, 1), name).toEqual(name === 'my_open' ? [] : expected);
    }
    expect(await walk(d.analystA.client, 'my_open', 1)).toEqual(views.my_open);
    expect(await walk(d.analystA.client, 'open_in_my_groups', 3)).toEqual(views.open_in_my_groups);
    expect(await walk(d.manager.client, 'escalated_to_me', 1)).toEqual([tk.toManagers.id]);
    const first = expectStatus(await d.analystA.client.get('/api/v1/queues/open_in_my_groups/tickets?limit=2'), 200);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    expect(first.items[0]).toMatchObject({ id: tk.escalated.id, escalationLevel: 1, assignee: { groupId: d.groupA } });
  });

  it('the default sort (which walks the sort index for some views) and another sort list the same tickets', async () => {
    const byUpdate = await walk(d.analystA.client, 'open_in_my_groups', 1);
    const explicit = expectStatus(await d.analystA.client.get('/api/v1/queues/open_in_my_groups/tickets?sort=-updated_at'), 200).items.map((i: any) => i.id);
    const byNumber = expectStatus(await d.analystA.client.get('/api/v1/queues/open_in_my_groups/tickets?sort=number'), 200).items.map((i: any) => i.id);
    expect(explicit).toEqual(byUpdate);
    expect([...byNumber].sort((x, y) => x - y)).toEqual(byNumber);
    expect([...byNumber].sort()).toEqual([...byUpdate].sort());
  });

  it('counts exactly up to the cap, and past it answers the cap and capped', async () => {
    // 4 tickets are open in group A (open_in_my_groups of analyst A): count them against caps around 4.
    const filter: TicketFilter = { all: [{ field: 'group', op: 'eq', value: d.groupA }, { field: 'status', op: 'in', value: ['new', 'open', 'pending_customer', 'pending_third_party'] }] };
    const ctx = { db: t.ctx.db, clock: t.clock };
    expect(await countTickets(ctx, systemActor(), filter, 10)).toEqual({ count: 4, capped: false });
    expect(await countTickets(ctx, systemActor(), filter, 4)).toEqual({ count: 4, capped: false });
    expect(await countTickets(ctx, systemActor(), filter, 3)).toEqual({ count: 3, capped: true });
    expect(await countTickets(ctx, systemActor(), filter, 1)).toEqual({ count: 1, capped: true });
  });

  it('recently resolved means the last 7 days', async () => {
    t.clock.advance(8 * 24 * 3_600_000);
    expect((await counts(d.analystA.client)).recently_resolved).toBe(0);
    t.clock.advance(-8 * 24 * 3_600_000);
    expect((await counts(d.analystA.client)).recently_resolved).toBe(1);
  });

  it('admin-only and crm agents see zeros (crm: its own queue too, empty here); contacts 403; anonymous 401; unknown view 404', async () => {
    expect(await counts(d.adminOnly.client)).toEqual(zeros);
    expect(await counts(d.crm.client)).toEqual({ ...zeros, my_organizations_open: 0 });
    expect(expectStatus(await d.adminOnly.client.get('/api/v1/queues/open_in_my_groups/tickets'), 200).items).toEqual([]);
    expect((await d.contactShared.client.get('/api/v1/queues')).statusCode).toBe(403);
    expect((await d.contactShared.client.get('/api/v1/queues/my_open/tickets')).statusCode).toBe(403);
    expect((await anonymousClient(t.app).get('/api/v1/queues')).statusCode).toBe(401);
    const unknown = await d.analystA.client.get('/api/v1/queues/everything/tickets');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('record.not_found');
  });
});
