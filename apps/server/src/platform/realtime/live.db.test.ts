import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeTicket, type Person } from '../../../test/factories.ts';
import { openLive, signInOver, type LiveStream } from '../../../test/live-stream.ts';
import type { LiveFrame } from './types.ts';

// The live stream over a real socket: each subscriber hears of a ticket only when the policy lets
// them read it as it is now; internal notes never reach a contact; desk users hear that queues
// changed; a reconnect is told to refetch; a signed-out stream ends at its next heartbeat.
let t: TestApp;
let url: string;
let groupA: number;
let inGroup: Person;
let otherGroup: Person;
let customer: Person;
let stranger: Person;
let ticket: { id: number };
const headers: Record<string, Record<string, string>> = {};
const open: LiveStream[] = [];

beforeAll(async () => {
  t = await createTestApp({ config: { liveHeartbeatMs: 150 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  groupA = await makeGroup(t);
  const groupB = await makeGroup(t);
  inGroup = await makeAgent(t, { roles: ['analyst'], groupIds: [groupA] });
  otherGroup = await makeAgent(t, { roles: ['analyst'], groupIds: [groupB] });
  customer = await makeContact(t, { canSignIn: true });
  stranger = await makeContact(t, { canSignIn: true });
  ticket = await makeTicket(t, { groupId: groupA, requesterContactId: customer.contactId! });
  for (const [name, p] of Object.entries({ inGroup, otherGroup, customer, stranger })) headers[name] = await signInOver(url, p.email);
}, 60_000);
afterAll(async () => {
  for (const s of open) s.close();
  await t?.destroy();
});

async function live(who: string, path?: string): Promise<LiveStream> {
  const s = await openLive(url, headers[who]!, path);
  open.push(s);
  await s.next((f) => f.event === 'ready');
  return s;
}

const post = (who: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { ...headers[who]!, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const about = (ticketId: number) => (f: LiveFrame) => f.event === 'ticket' && (f.data as { ticketId: number }).ticketId === ticketId;

describe('GET /api/v1/live', () => {
  it('refuses an anonymous caller with 401 auth.required, as JSON', async () => {
    const res = await fetch(`${url}/api/v1/live`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('auth.required');
  });

  it('opens with retry and ready; ?once=true ends there; a reconnect (Last-Event-ID) is told to refetch', async () => {
    const res = await fetch(`${url}/api/v1/live?once=true`, { headers: { ...headers.customer!, 'last-event-id': '7' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    expect(text).toMatch(/id: \d+\nevent: ready\n/);
    expect(text).toContain('event: refetch\ndata: {}\n\n');
    const fresh = await (await fetch(`${url}/api/v1/live?once=true`, { headers: headers.customer! })).text();
    expect(fresh).not.toContain('refetch');
  });

  it('a public reply reaches the requester and the ticket group; another group hears only that queues changed; a stranger nothing', async () => {
    const [agent, other, requester, outsider] = await Promise.all([live('inGroup'), live('otherGroup'), live('customer'), live('stranger')]);
    const res = await post('inGroup', `/api/v1/tickets/${ticket.id}/replies`, { body: 'پاسخ عمومی' });
    expect(res.status).toBe(201);
    const seen = await agent.next(about(ticket.id));
    expect((seen.data as { event: string }).event).toMatch(/^ticket\./);
    expect(seen.id).toBeGreaterThan(0);
    await requester.next(about(ticket.id));
    await other.next((f) => f.event === 'queues');
    // A later change everyone may see proves the earlier frames had their chance to arrive.
    const mine = await makeTicket(t, { groupId: null, requesterContactId: stranger.contactId! });
    await post('stranger', `/api/v1/tickets/${mine.id}/replies`, { body: 'من هم' });
    await outsider.next(about(mine.id));
    expect(other.frames.some(about(ticket.id))).toBe(false);
    expect(outsider.frames.some(about(ticket.id))).toBe(false);
    expect(requester.frames.some((f) => f.event === 'queues')).toBe(false);
  });

  it('an internal note reaches the desk, never the requester', async () => {
    const [agent, requester] = await Promise.all([live('inGroup'), live('customer')]);
    expect((await post('inGroup', `/api/v1/tickets/${ticket.id}/notes`, { body: 'یادداشت داخلی' })).status).toBe(201);
    const note = await agent.next(about(ticket.id));
    expect((await post('inGroup', `/api/v1/tickets/${ticket.id}/replies`, { body: 'بعد از یادداشت' })).status).toBe(201);
    const reply = await requester.next(about(ticket.id));
    expect(reply.id).toBeGreaterThan(note.id!);
    expect(requester.frames.filter(about(ticket.id))).toHaveLength(1);
  });

  it('reloads the ticket for each frame: moved to another group, it reaches the new group and no longer the old', async () => {
    // Owned by group B, worked by group A: group A reads it only while it is assigned there.
    const groupB = (await t.ctx.db.selectFrom('group_members').select('group_id').where('agent_id', '=', otherGroup.agentId!).executeTakeFirstOrThrow()).group_id;
    const moved = await makeTicket(t, { groupId: groupA, ownerGroupId: groupB });
    const [before, after] = await Promise.all([live('inGroup'), live('otherGroup')]);
    const manager = await makeAgent(t, { roles: ['analyst', 'manager'], groupIds: [groupA] });
    const mh = await signInOver(url, manager.email);
    const current = (await (await fetch(`${url}/api/v1/tickets/${moved.id}`, { headers: mh })).json()) as { version: number };
    const res = await fetch(`${url}/api/v1/tickets/${moved.id}`, {
      method: 'PATCH',
      headers: { ...mh, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, assigneeGroupId: groupB, assigneeAgentId: null }),
    });
    expect(res.status).toBe(200);
    await after.next(about(moved.id));
    await before.next((f) => f.event === 'queues');
    expect(before.frames.some(about(moved.id))).toBe(false);
  });

  it('a new in-app notification tells its user’s stream, no one else’s', async () => {
    const [agent, other] = await Promise.all([live('inGroup'), live('otherGroup')]);
    const assigned = await makeTicket(t, { groupId: groupA });
    const manager = await makeAgent(t, { roles: ['analyst', 'manager'], groupIds: [groupA] });
    const mh = await signInOver(url, manager.email);
    const current = (await (await fetch(`${url}/api/v1/tickets/${assigned.id}`, { headers: mh })).json()) as { version: number };
    const res = await fetch(`${url}/api/v1/tickets/${assigned.id}`, {
      method: 'PATCH',
      headers: { ...mh, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, assigneeAgentId: inGroup.agentId }),
    });
    expect(res.status).toBe(200);
    await t.ctx.events.dispatchPending();
    await t.ctx.jobs.drain();
    await agent.next((f) => f.event === 'notifications');
    await other.next((f) => f.event === 'queues');
    expect(other.frames.some((f) => f.event === 'notifications')).toBe(false);
  });

  it('re-reads the session at each heartbeat: signed out elsewhere, the stream says so and ends', async () => {
    const person = await makeAgent(t, { roles: ['analyst'], groupIds: [groupA] });
    const h = await signInOver(url, person.email);
    const s = await openLive(url, h);
    open.push(s);
    await s.next((f) => f.event === 'ready');
    expect((await fetch(`${url}/api/v1/session`, { method: 'DELETE', headers: h })).status).toBe(204);
    await s.next((f) => f.event === 'signed_out', 3000);
    expect(t.ctx.realtime.subscriberCount()).toBeGreaterThan(0);
  });
});
