import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeTicket, type Person } from '../../../test/factories.ts';
import { openLive, signInOver, type LiveStream } from '../../../test/live-stream.ts';
import { PRESENCE_TTL_MS } from '../../platform/realtime/index.ts';

// Presence: an agent viewing or typing on a ticket is shown live to the other desk readers of that
// ticket — never to its requester, never to agents who may not read it — and a report expires.
let t: TestApp;
let url: string;
let ticket: { id: number };
let sara: Person;
const h: Record<string, Record<string, string>> = {};
const streams: LiveStream[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const desk = await makeGroup(t);
  const elsewhere = await makeGroup(t);
  sara = await makeAgent(t, { roles: ['analyst'], groupIds: [desk], name: 'سارا' });
  const reza = await makeAgent(t, { roles: ['analyst'], groupIds: [desk] });
  const outsider = await makeAgent(t, { roles: ['analyst'], groupIds: [elsewhere] });
  const customer = await makeContact(t, { canSignIn: true });
  ticket = await makeTicket(t, { groupId: desk, requesterContactId: customer.contactId! });
  for (const [name, p] of Object.entries({ sara, reza, outsider, customer })) h[name] = await signInOver(url, p.email);
}, 60_000);
afterAll(async () => {
  for (const s of streams) s.close();
  await t?.destroy();
});

const call = (who: string, method: string, body?: unknown) =>
  fetch(`${url}/api/v1/tickets/${ticket.id}/presence`, {
    method,
    headers: { ...h[who]!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
async function live(who: string): Promise<LiveStream> {
  const s = await openLive(url, h[who]!);
  streams.push(s);
  await s.next((f) => f.event === 'ready');
  return s;
}
type PresenceData = { ticketId: number; viewers: Array<{ userId: number; name: string; state: string }> };

describe('presence on a ticket', () => {
  it('viewing, then typing, then leaving reaches another agent of the desk live; GET shows the same', async () => {
    const [reza, outsider, customer] = await Promise.all([live('reza'), live('outsider'), live('customer')]);
    expect((await call('sara', 'PUT', { state: 'viewing' })).status).toBe(204);
    const seen = await reza.next((f) => f.event === 'presence');
    expect(seen.data).toEqual({ ticketId: ticket.id, viewers: [{ userId: sara.userId, name: 'سارا', state: 'viewing' }] });
    expect((await call('sara', 'PUT', { state: 'typing' })).status).toBe(204);
    expect(((await reza.next((f) => f.event === 'presence')).data as PresenceData).viewers[0]!.state).toBe('typing');
    const got = await call('reza', 'GET');
    expect(got.status).toBe(200);
    expect(((await got.json()) as PresenceData).viewers).toEqual([{ userId: sara.userId, name: 'سارا', state: 'typing' }]);
    expect((await call('sara', 'DELETE')).status).toBe(204);
    expect(((await reza.next((f) => f.event === 'presence')).data as PresenceData).viewers).toEqual([]);
    // A later ticket change the outsider and the customer hear of proves the presence frames had their chance.
    expect((await fetch(`${url}/api/v1/tickets/${ticket.id}/replies`, { method: 'POST', headers: { ...h.sara!, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'پاسخ' }) })).status).toBe(201);
    await customer.next((f) => f.event === 'ticket');
    await outsider.next((f) => f.event === 'queues');
    expect(customer.frames.some((f) => f.event === 'presence')).toBe(false);
    expect(outsider.frames.some((f) => f.event === 'presence')).toBe(false);
  });

  it('a contact who reads the ticket is refused presence (403), an agent who cannot read it 404; bad state 400', async () => {
    expect((await call('customer', 'GET')).status).toBe(403);
    expect((await call('customer', 'PUT', { state: 'viewing' })).status).toBe(403);
    expect((await call('outsider', 'GET')).status).toBe(404);
    const bad = await call('sara', 'PUT', { state: 'sleeping' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('request.invalid');
    expect(t.ctx.realtime.viewersOf(ticket.id)).toEqual([]);
  });

  it('a report not renewed within the TTL is gone', async () => {
    expect((await call('sara', 'PUT', { state: 'viewing' })).status).toBe(204);
    for (let i = 0; i < 50 && t.ctx.realtime.viewersOf(ticket.id).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.ctx.realtime.viewersOf(ticket.id)).toHaveLength(1);
    t.clock.advance(PRESENCE_TTL_MS + 1);
    expect(((await (await call('reza', 'GET')).json()) as PresenceData).viewers).toEqual([]);
  });
});
