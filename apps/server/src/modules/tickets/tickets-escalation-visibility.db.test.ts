import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { escalateDirectly, makeAgent, makeGroup, makeTicket, makeWatcher, signIn, type Client } from '../../../test/factories.ts';
import { insertContactRecord } from '../people/contacts.repository.ts';

// escalationLevel is desk-internal: a list shows it by the same rule as the ticket read
// (seesInternal on that ticket), not by whether the reader has an agent side at all.

let t: TestApp;
let both: Client;
let watcher: Client;
let requested: number;
let watched: number;

const listed = async (client: Client, id: number) => {
  const res = await client.get('/api/v1/tickets?limit=200');
  expect(res.statusCode).toBe(200);
  return res.json().items.find((i: any) => i.id === id);
};

beforeAll(async () => {
  t = await createTestApp();
  const mine = await makeGroup(t);
  const other = await makeGroup(t);
  // An analyst of one group who is also a customer (a contact) of the desk.
  const agent = await makeAgent(t, { roles: ['analyst'], groupIds: [mine] });
  const contactId = await insertContactRecord(t.ctx.db, { userId: agent.userId, name: 'Both sides', organizationId: null, language: 'en', emails: [agent.email], phones: [], now: t.clock.now() });
  requested = (await makeTicket(t, { groupId: other, requesterContactId: contactId })).id;
  await escalateDirectly(t, requested);
  // An analyst outside the ticket's groups who watches it: the desk side sees it.
  const watching = await makeAgent(t, { roles: ['analyst'], groupIds: [mine] });
  watched = (await makeTicket(t, { groupId: other })).id;
  await escalateDirectly(t, watched);
  await makeWatcher(t, watched, watching.agentId!);
  both = await signIn(t.app, agent.email);
  watcher = await signIn(t.app, watching.email);
});
afterAll(() => t.destroy());

describe('escalationLevel in lists and reads', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('is absent in the list for an agent who sees the ticket only as its requester, as in the read', async () => {
    const read = (await both.get(`/api/v1/tickets/${requested}`)).json();
    expect(read).not.toHaveProperty('escalationLevel');
    const row = await listed(both, requested);
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty('escalationLevel');
  });

  it('is present in the list for an agent who sees the ticket as the desk (a watcher), as in the read', async () => {
    expect((await watcher.get(`/api/v1/tickets/${watched}`)).json().escalationLevel).toBe(1);
    expect((await listed(watcher, watched))?.escalationLevel).toBe(1);
  });
});
