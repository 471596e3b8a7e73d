import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/factories.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
const HOUR = 3_600_000;
let start: number;
const created: any[] = [];

/** Every page of a list, following nextCursor. */
async function walk(client: Client, query: string, limit = 2): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: any = expectStatus(await client.get(`/api/v1/tickets?limit=${limit}${query ? '&' + query : ''}${cursor ? '&cursor=' + cursor : ''}`), 200);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('pagination did not end');
}
const ids = (items: any[]) => items.map((i) => i.id);

beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
  start = t.clock.now();
  const specs: Array<Record<string, unknown>> = [
    { impact: 1, urgency: 1, tags: ['VPN'], requesterContactId: d.contactShared.contactId, channel: 'phone' },
    { impact: 3, urgency: 3, type: 'service_request', requesterContactId: d.contactPrivate.contactId, channel: 'email' },
    { impact: 2, urgency: 2, tags: ['vpn', 'شبکه۱'], assigneeAgentId: d.analystA.agentId },
    { impact: 1, urgency: 3, assigneeGroupId: d.groupB },
    { impact: 2, urgency: 1, requesterContactId: d.contactShared.contactId },
    { impact: 2, urgency: 2 },
  ];
  for (const spec of specs) {
    t.clock.advance(HOUR);
    created.push(await openTicket(d.analystA.client, spec));
  }
  t.clock.advance(HOUR);
  // Later edits move updated_at: the first ticket becomes the most recently updated.
  expectStatus(await patchCurrent(d.analystA.client, created[0].id, { status: 'pending_customer' }), 200);
  created.push(await openTicket(d.contactShared.client, { title: 'from the portal' }));
});
afterAll(() => t.destroy());

describe('GET /tickets', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('lists summaries, most recently updated first by default', async () => {
    const page = expectStatus(await d.manager.client.get('/api/v1/tickets'), 200);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(created.length);
    expect(page.items[0].id).toBe(created[6].id);
    expect(page.items[1].id).toBe(created[0].id);
    const first = page.items.find((i: any) => i.id === created[0].id);
    expect(first).toMatchObject({
      number: created[0].number,
      displayNumber: created[0].displayNumber,
      status: 'pending_customer',
      priority: 1,
      requester: { id: d.contactShared.contactId, name: d.contactShared.email },
      organization: { id: d.sharingOrg },
      tags: ['VPN'],
      escalationLevel: 0,
    });
    expect(first).not.toHaveProperty('description');
  });

  it('walks every sort with a keyset cursor: same rows as one page, no repeats, stable ties', async () => {
    const all = expectStatus(await d.manager.client.get('/api/v1/tickets?limit=200'), 200).items as any[];
    const key: Record<string, (i: any) => number> = {
      created_at: (i) => Date.parse(i.createdAt),
      updated_at: (i) => Date.parse(i.updatedAt),
      priority: (i) => i.priority,
      number: (i) => i.number,
    };
    for (const field of Object.keys(key)) {
      for (const desc of [false, true]) {
        const sort = (desc ? '-' : '') + field;
        const expected = [...all]
          .sort((a, b) => key[field]!(a) - key[field]!(b) || a.id - b.id)
          .map((i) => i.id);
        if (desc) expected.reverse();
        expect(ids(await walk(d.manager.client, `sort=${sort}`, 2)), sort).toEqual(expected);
        expect(ids(await walk(d.manager.client, `sort=${sort}`, 3)), sort).toEqual(expected);
      }
    }
  });

  it('refuses a cursor of another sort and a forged cursor (400)', async () => {
    const page = expectStatus(await d.manager.client.get('/api/v1/tickets?limit=1&sort=number'), 200);
    expect((await d.manager.client.get(`/api/v1/tickets?limit=1&sort=-number&cursor=${page.nextCursor}`)).statusCode).toBe(400);
    expect((await d.manager.client.get('/api/v1/tickets?cursor=not-a-cursor')).statusCode).toBe(400);
    expect((await d.manager.client.get('/api/v1/tickets?sort=title')).statusCode).toBe(400);
    expect((await d.manager.client.get('/api/v1/tickets?status=new,nope')).statusCode).toBe(400);
    expect((await d.manager.client.get('/api/v1/tickets?limit=0')).statusCode).toBe(400);
  });

  it('filters', async () => {
    const c = d.manager.client;
    const q = async (query: string) => ids(await walk(c, query, 50)).sort((a, b) => a - b);
    const idsOf = (...indexes: number[]) => indexes.map((i) => created[i].id).sort((a, b) => a - b);
    expect(await q('status=pending_customer')).toEqual(idsOf(0));
    expect(await q('status=new,pending_customer')).toEqual(idsOf(0, 1, 2, 3, 4, 5, 6));
    expect(await q('type=service_request')).toEqual(idsOf(1));
    expect(await q('priority=1')).toEqual(idsOf(0));
    expect(await q('priority=1,2')).toEqual(idsOf(0, 4));
    expect(await q(`groupId=${d.groupB}`)).toEqual(idsOf(3));
    expect(await q(`assigneeAgentId=${d.analystA.agentId}`)).toEqual(idsOf(2));
    expect(await q('assigneeAgentId=none')).toEqual(idsOf(0, 1, 3, 4, 5, 6));
    expect(await q(`ownerAgentId=${d.analystA.agentId}`)).toEqual(idsOf(0, 1, 2, 3, 4, 5));
    expect(await q(`ownerGroupId=${d.groupA}`)).toEqual(idsOf(0, 1, 2, 3, 4, 5));
    expect(await q(`requesterContactId=${d.contactShared.contactId}`)).toEqual(idsOf(0, 4, 6));
    expect(await q(`organizationId=${d.privateOrg}`)).toEqual(idsOf(1));
    expect(await q('tag=vpn')).toEqual(idsOf(0, 2));
    expect(await q(`tag=${encodeURIComponent(' شبکه1 ')}`)).toEqual(idsOf(2));
    expect(await q('channel=email')).toEqual(idsOf(1));
    expect(await q('channel=portal')).toEqual(idsOf(6));
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(await q(`createdFrom=${iso(start + 2 * HOUR)}&createdTo=${iso(start + 4 * HOUR)}`)).toEqual(idsOf(1, 2));
    expect(await q(`updatedFrom=${iso(start + 7 * HOUR)}`)).toEqual(idsOf(0, 6));
    expect(await q(`updatedTo=${iso(start + 3 * HOUR)}`)).toEqual(idsOf(1));
    expect(await q(`groupId=${d.groupB}&priority=1`)).toEqual([]);
  });

  it('takes a filter of the language (JSON) and the human number, AND-ed with the other parameters', async () => {
    const c = d.manager.client;
    const q = async (query: string) => ids(await walk(c, query, 50)).sort((a, b) => a - b);
    const idsOf = (...indexes: number[]) => indexes.map((i) => created[i].id).sort((a, b) => a - b);
    const f = (filter: unknown) => 'filter=' + encodeURIComponent(JSON.stringify(filter));
    expect(await q(f({ field: 'priority', op: 'lte', value: 2 }))).toEqual(idsOf(0, 4));
    expect(await q(f({ any: [{ field: 'channel', op: 'eq', value: 'email' }, { field: 'tag', op: 'eq', value: 'VPN' }] }))).toEqual(idsOf(0, 1, 2));
    expect(await q(f({ not: { field: 'requester', op: 'eq', value: d.contactShared.contactId } }))).toEqual(idsOf(1, 2, 3, 5));
    expect(await q(f({ field: 'assignee', op: 'neq', value: d.analystA.agentId }))).toEqual(idsOf(0, 1, 3, 4, 5, 6));
    expect(await q(f({ field: 'title', op: 'contains', value: 'PORTAL' }))).toEqual(idsOf(6));
    expect(await q(f({ field: 'tag', op: 'not_in', value: ['vpn'] }))).toEqual(idsOf(1, 3, 4, 5, 6));
    expect(await q(f({ field: 'type', op: 'neq', value: 'incident' }))).toEqual(idsOf(1));
    // Relative times count from the server clock: the last two tickets were touched within the last half hour.
    expect(await q(f({ field: 'updated_at', op: 'newer_than', value: { amount: 30, unit: 'minutes' } }))).toEqual(idsOf(0, 6));
    expect(await q(f({ field: 'created_at', op: 'older_than', value: { amount: 290, unit: 'minutes' } }))).toEqual(idsOf(0, 1));
    expect(await q(`status=new&${f({ field: 'priority', op: 'in', value: [1, 2] })}`)).toEqual(idsOf(4));
    // The filter parameter has the whole depth to itself beside the other parameters.
    const deep = { not: { not: { any: [{ not: { field: 'priority', op: 'neq', value: 1 } }] } } };
    expect(await q(`status=pending_customer&${f(deep)}`)).toEqual(idsOf(0));
    // @me is the reader's agent (for requester: their contact).
    expect(ids(await walk(d.analystA.client, f({ field: 'assignee', op: 'eq', value: '@me' }), 50))).toEqual(idsOf(2));
    expect(ids(await walk(d.contactShared.client, f({ field: 'requester', op: 'eq', value: '@me' }), 50)).sort((a, b) => a - b)).toEqual(idsOf(0, 4, 6));
    expect(await q(`number=${created[3].number}`)).toEqual(idsOf(3));
    const persian = String(created[3].number).replace(/[0-9]/g, (x) => String.fromCharCode(0x06f0 + Number(x)));
    expect(await q(`number=${encodeURIComponent('#' + persian)}`)).toEqual(idsOf(3));
    expect(await q('number=999999')).toEqual([]);
  });

  it('refuses a bad filter with 400 request.invalid naming the place, and a filter over 8 KB', async () => {
    const c = d.manager.client;
    const get = (query: string) => c.get(`/api/v1/tickets?${query}`);
    const f = (filter: unknown) => 'filter=' + encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter));
    const cases: Array<[string, string]> = [
      [f('{"field":'), 'filter'],
      [f({ field: 'secret', op: 'eq', value: 1 }), 'filter.field'],
      [f({ all: [{ field: 'status', op: 'gt', value: 'new' }] }), 'filter.all[0].op'],
      [f({ field: 'priority', op: 'eq', value: 'high' }), 'filter.value'],
      ['number=12a', 'number'],
      ['number=0', 'number'],
    ];
    for (const [query, field] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'request.invalid', details: { field } });
    }
    const big = { any: Array.from({ length: 40 }, () => ({ field: 'title', op: 'contains', value: 'x'.repeat(250) })) };
    expect((await get(f(big))).statusCode).toBe(400);
  });

  it('POST /tickets/search takes the filter in the body: same pages, same cursors, same scope', async () => {
    const filter = { any: [{ field: 'priority', op: 'lte', value: 2 }, { field: 'channel', op: 'eq', value: 'email' }] };
    const viaGet = ids(await walk(d.manager.client, 'filter=' + encodeURIComponent(JSON.stringify(filter)), 50));
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = expectStatus(await d.manager.client.post('/api/v1/tickets/search', { filter, sort: '-updated_at', limit: 1, ...(cursor ? { cursor } : {}) }), 200);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids(items)).toEqual(viaGet);
    expect(viaGet).toHaveLength(3);
    const scoped = expectStatus(await d.contactPrivate.client.post('/api/v1/tickets/search', { filter: { all: [] } }), 200);
    expect(ids(scoped.items)).toEqual([created[1].id]);
    const wrongOp = await d.manager.client.post('/api/v1/tickets/search', { filter: { field: 'title', op: 'eq', value: 'x' } });
    expect(wrongOp.statusCode).toBe(400);
    expect(wrongOp.json()).toMatchObject({ code: 'request.invalid', details: { field: 'filter.op' } });
    expect((await d.manager.client.post('/api/v1/tickets/search', { filter: { everything: true } })).statusCode).toBe(400);
    expect((await d.manager.client.post('/api/v1/tickets/search', {})).statusCode).toBe(400);
  });

  it('scopes every list to what the caller may see', async () => {
    const all = (client: Client) => walk(client, '', 50).then((items) => ids(items).sort((a, b) => a - b));
    const idsOf = (...indexes: number[]) => indexes.map((i) => created[i].id).sort((a, b) => a - b);
    expect(await all(d.analystB.client)).toEqual(idsOf(3));
    expect(await all(d.adminOnly.client)).toEqual([]);
    expect(await all(d.crm.client)).toEqual(idsOf(0, 4, 6));
    expect(await all(d.contactShared.client)).toEqual(idsOf(0, 4, 6));
    expect(await all(d.colleagueShared.client)).toEqual(idsOf(0, 4, 6));
    expect(await all(d.contactPrivate.client)).toEqual(idsOf(1));
    expect(await all(d.colleaguePrivate.client)).toEqual([]);
    const portal = expectStatus(await d.contactShared.client.get('/api/v1/tickets'), 200);
    expect(portal.items[0]).not.toHaveProperty('escalationLevel');
  });
});
