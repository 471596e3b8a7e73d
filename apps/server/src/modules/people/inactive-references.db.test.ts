import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeMailbox, makeOrganization, makeTicket, signIn, type Client } from '../../../test/factories.ts';

/**
 * A deactivated group, agent, organisation or contact is refused wherever it is newly named —
 * 422 record.inactive_reference with the field (and ids) — while what already names it stays.
 * Creating a ticket is accounts.db.test.ts's; these are the other ways in, through the API on both dialects.
 */
let t: TestApp;
let admin: Client;
let manager: Client;
let groupId: number;
let offGroup: number;
let offAgent: { agentId: number };
let offOrg: number;
let offContact: number;

const refusal = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().code, res.json().details?.field];
const version = async (url: string) => (await admin.get(url)).json().version as number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
  groupId = await makeGroup(t);
  offGroup = await makeGroup(t);
  manager = await signIn(t.app, (await makeAgent(t, { roles: ['manager', 'supervisor', 'analyst'], groupIds: [groupId] })).email);
  offAgent = { agentId: (await makeAgent(t, { roles: ['analyst'], groupIds: [groupId, offGroup] })).agentId! };
  expect((await admin.patch(`/api/v1/agents/${offAgent.agentId}`, { version: 1, active: false })).statusCode).toBe(200);
  expect((await admin.patch(`/api/v1/groups/${offGroup}`, { version: await version(`/api/v1/groups/${offGroup}`), active: false })).statusCode).toBe(200);
  offOrg = await makeOrganization(t);
  expect((await admin.post(`/api/v1/organizations/${offOrg}/deactivate`, { version: 1 })).statusCode).toBe(200);
  offContact = (await makeContact(t, { canSignIn: false })).contactId!;
  expect((await admin.post(`/api/v1/contacts/${offContact}/deactivate`, { version: 1 })).statusCode).toBe(200);
}, 60_000);
afterAll(() => t.destroy());

describe('inactive references are refused where newly named', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('group memberships: a deactivated agent is not added (a member already there stays); a deactivated group is not joined', async () => {
    const created = await admin.post('/api/v1/groups', { name: `گروه ${Date.now()}`, memberIds: [offAgent.agentId] });
    expect(refusal(created)).toEqual([422, 'record.inactive_reference', 'memberIds']);
    expect(created.json().details.ids).toEqual([offAgent.agentId]);
    const fresh = await makeGroup(t);
    const add = await admin.patch(`/api/v1/groups/${fresh}`, { version: await version(`/api/v1/groups/${fresh}`), memberIds: [offAgent.agentId] });
    expect(refusal(add)).toEqual([422, 'record.inactive_reference', 'memberIds']);
    // The deactivated agent is still a member of groupId: renaming the group with its members as they are is fine.
    const members = (await admin.get(`/api/v1/groups/${groupId}`)).json().memberIds as number[];
    expect(members).toContain(offAgent.agentId);
    expect((await admin.patch(`/api/v1/groups/${groupId}`, { version: await version(`/api/v1/groups/${groupId}`), memberIds: members, description: 'x' })).statusCode).toBe(200);

    const agent = await admin.post('/api/v1/agents', { email: `joiner-${Date.now()}@example.test`, name: 'Joiner', roles: ['analyst'], groupIds: [offGroup] });
    expect(refusal(agent)).toEqual([422, 'record.inactive_reference', 'groupIds']);
    const other = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
    expect(refusal(await admin.patch(`/api/v1/agents/${other.agentId}`, { version: 1, groupIds: [groupId, offGroup] }))).toEqual([422, 'record.inactive_reference', 'groupIds']);
    // An agent already in the deactivated group keeps it when its groups are sent back as they are.
    const keeper = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId, offGroup] });
    expect((await admin.patch(`/api/v1/agents/${keeper.agentId}`, { version: 1, groupIds: [groupId, offGroup], name: 'Keeper' })).statusCode).toBe(200);
  });

  it('tickets: assigning, escalating or moving to a deactivated group or agent; a deactivated organisation or requester', async () => {
    const ticket = await makeTicket(t, { groupId });
    const current = async () => (await manager.get(`/api/v1/tickets/${ticket.id}`)).json().version as number;
    expect(refusal(await manager.patch(`/api/v1/tickets/${ticket.id}`, { version: await current(), assigneeGroupId: offGroup }))).toEqual([422, 'record.inactive_reference', 'assigneeGroupId']);
    expect(refusal(await manager.patch(`/api/v1/tickets/${ticket.id}`, { version: await current(), assigneeAgentId: offAgent.agentId }))).toEqual([422, 'record.inactive_reference', 'assigneeAgentId']);
    expect(refusal(await manager.patch(`/api/v1/tickets/${ticket.id}`, { version: await current(), organizationId: offOrg }))).toEqual([422, 'record.inactive_reference', 'organizationId']);
    expect(refusal(await manager.patch(`/api/v1/tickets/${ticket.id}`, { version: await current(), requesterContactId: offContact }))).toEqual([422, 'record.inactive_reference', 'requesterContactId']);
    const escalated = await manager.post(`/api/v1/tickets/${ticket.id}/escalations`, { kind: 'functional', groupId: offGroup, reason: 'network team', version: await current() });
    expect(refusal(escalated)).toEqual([422, 'record.inactive_reference', 'groupId']);
    const created = await manager.post('/api/v1/tickets', { title: 'x', type: 'incident', assigneeGroupId: groupId, requesterContactId: offContact });
    expect(refusal(created)).toEqual([422, 'record.inactive_reference', 'requesterContactId']);
  });

  it('contacts and organisations: a deactivated organisation is not given; a deactivated account manager is not named', async () => {
    expect(refusal(await admin.post('/api/v1/contacts', { name: 'x', organizationId: offOrg }))).toEqual([422, 'record.inactive_reference', 'organizationId']);
    const crm = await makeAgent(t, { roles: ['crm'] });
    expect((await admin.patch(`/api/v1/agents/${crm.agentId}`, { version: 1, active: false })).statusCode).toBe(200);
    const org = await admin.post('/api/v1/organizations', { name: `سازمان ${Date.now()}`, accountManagerId: crm.agentId });
    expect(org.statusCode).toBe(422);
  });

  it('mailboxes: a deactivated group is not routed to (a mailbox already routing there keeps it)', async () => {
    const created = await admin.post('/api/v1/admin/mailboxes', { address: `off-${Date.now()}@desk.example.test`, kind: 'smtp', groupId: offGroup });
    expect(refusal(created)).toEqual([422, 'record.inactive_reference', 'groupId']);
    const box = await makeMailbox(t, { groupId });
    const moved = await admin.patch(`/api/v1/admin/mailboxes/${box.id}`, { version: 1, groupId: offGroup });
    expect(refusal(moved)).toEqual([422, 'record.inactive_reference', 'groupId']);
  });
});
