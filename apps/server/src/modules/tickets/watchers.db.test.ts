import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient } from '../../../test/factories.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const sharedTicket = () => openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
const watch = (client: any, id: number, body: unknown) => client.post(`/api/v1/tickets/${id}/watchers`, body);
const watchers = async (client: any, id: number) => expectStatus(await client.get(`/api/v1/tickets/${id}/watchers`), 200).items as any[];
const unwatch = (client: any, id: number, watcherId: number) => client.delete(`/api/v1/tickets/${id}/watchers/${watcherId}`);

describe('watchers', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an agent who watches a ticket of another group sees and works it until unwatched', async () => {
    const ticket = await sharedTicket();
    expect((await d.analystB.client.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
    const w = expectStatus(await watch(d.analystA.client, ticket.id, { agentId: d.analystB.agentId }), 201);
    expect(w).toEqual({
      id: expect.any(Number),
      kind: 'agent',
      agentId: d.analystB.agentId,
      contactId: null,
      name: d.analystB.email,
      createdAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await watchers(d.analystA.client, ticket.id)).toEqual([w]);
    expectStatus(await d.analystB.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'desk only' }), 201);
    expect((await d.analystB.client.get(`/api/v1/tickets/${ticket.id}/articles`)).json().items.map((a: any) => a.kind)).toEqual(['note']);
    expectStatus(await d.analystB.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'group B here' }), 201);

    expect((await unwatch(d.analystA.client, ticket.id, w.id)).statusCode).toBe(204);
    expect(await watchers(d.analystA.client, ticket.id)).toEqual([]);
    expect((await d.analystB.client.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
  });

  it('a contact who watches reads the public timeline and replies, but cannot confirm or reopen', async () => {
    const ticket = await sharedTicket();
    expect((await d.contactPrivate.client.get(`/api/v1/tickets/${ticket.id}/articles`)).statusCode).toBe(404);
    const w = expectStatus(await watch(d.analystA.client, ticket.id, { contactId: d.contactPrivate.contactId }), 201);
    expect(w).toMatchObject({ kind: 'contact', agentId: null, contactId: d.contactPrivate.contactId, name: d.contactPrivate.email });

    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'public' }), 201);
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'internal' }), 201);
    const items = expectStatus(await d.contactPrivate.client.get(`/api/v1/tickets/${ticket.id}/articles`), 200).items;
    expect(items.filter((a: any) => a.kind !== 'event').map((a: any) => a.body)).toEqual(['public']);
    expect(items.filter((a: any) => a.kind === 'event').map((a: any) => a.eventType)).toEqual(['ticket.status_changed']);
    const replied = expectStatus(await d.contactPrivate.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'me too' }), 201);
    expect(replied.article).toMatchObject({ channel: 'portal', author: { kind: 'contact', userId: d.contactPrivate.userId } });

    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    const asWatcher = expectStatus(await d.contactPrivate.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(asWatcher.abilities).toMatchObject({ reply: true, confirm: false, reopen: false, note: false });
    const asRequester = expectStatus(await d.contactShared.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(asRequester.abilities).toMatchObject({ reply: true, confirm: true, reopen: true });
    // A watcher's reply on a resolved ticket reopens it like the requester's (a customer reply).
    expect(expectStatus(await d.contactPrivate.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'not fixed' }), 201).ticketStatus).toBe('open');
  });

  it('refuses a second watch of the same person (409) and unknown people (422)', async () => {
    const ticket = await sharedTicket();
    expectStatus(await watch(d.analystA.client, ticket.id, { agentId: d.analystA2.agentId }), 201);
    const again = await watch(d.analystA.client, ticket.id, { agentId: d.analystA2.agentId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'record.conflict', details: { field: 'agentId' } });
    expectStatus(await watch(d.analystA.client, ticket.id, { contactId: d.colleagueShared.contactId }), 201);
    expect((await watch(d.analystA.client, ticket.id, { contactId: d.colleagueShared.contactId })).statusCode).toBe(409);
    for (const body of [{ agentId: 99_999_999 }, { contactId: 99_999_999 }]) {
      const res = await watch(d.analystA.client, ticket.id, body);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('record.invalid_reference');
    }
    for (const body of [{}, { agentId: d.analystA2.agentId, contactId: d.colleagueShared.contactId }, { agentId: 'x' }, { userId: 1 }]) {
      expect((await watch(d.analystA.client, ticket.id, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await watchers(d.analystA.client, ticket.id)).toHaveLength(2);
  });

  it('who may list, add and remove watchers', async () => {
    const ticket = await sharedTicket();
    const w = expectStatus(await watch(d.analystA.client, ticket.id, { contactId: d.colleagueShared.contactId }), 201);
    const add = async (client: any) => (await watch(client, ticket.id, { agentId: d.supervisorB.agentId })).statusCode;
    for (const m of [d.crm, d.contactShared, d.colleagueShared]) {
      expect(await add(m.client)).toBe(403);
      expect((await unwatch(m.client, ticket.id, w.id)).statusCode).toBe(403);
      expect((await m.client.get(`/api/v1/tickets/${ticket.id}/watchers`)).statusCode).toBe(200);
    }
    for (const m of [d.analystB, d.adminOnly, d.contactPrivate]) {
      expect(await add(m.client)).toBe(404);
      expect((await unwatch(m.client, ticket.id, w.id)).statusCode).toBe(404);
      expect((await m.client.get(`/api/v1/tickets/${ticket.id}/watchers`)).statusCode).toBe(404);
    }
    const anon = anonymousClient(t.app);
    expect(await add(anon)).toBe(401);
    expect((await anon.get(`/api/v1/tickets/${ticket.id}/watchers`)).statusCode).toBe(401);
    expect(await add(d.manager.client)).toBe(201);
    const other = await sharedTicket();
    expect((await unwatch(d.analystA.client, other.id, w.id)).statusCode).toBe(404);
    expect((await unwatch(d.supervisorA.client, ticket.id, w.id)).statusCode).toBe(204);
  });
});
