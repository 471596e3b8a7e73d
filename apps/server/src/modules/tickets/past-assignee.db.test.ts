import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { deskTestApp, expectStatus, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

// An agent who worked a ticket (its assignee at some point) keeps reading it after it moved on:
// the agent who resolved a referral is no longer in the assignee group once it returns.

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  ({ t, d } = await deskTestApp());
});
afterAll(() => t.destroy());

describe('who worked a ticket keeps reading it', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('the agent who resolved a referral reads it, its history and its timeline after it went back — and edits nothing', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/escalations`, { kind: 'functional', groupId: d.groupB, reason: 'network' }), 200);
    expectStatus(await patchCurrent(d.analystB.client, ticket.id, { assigneeAgentId: d.analystB.agentId }), 200);
    const resolved = expectStatus(await patchCurrent(d.analystB.client, ticket.id, { status: 'resolved' }), 200);
    expect(resolved.assignee).toEqual({ groupId: d.groupA, agentId: d.analystA.agentId });

    const read = expectStatus(await d.analystB.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(read.abilities.update).toBe(false);
    expectStatus(await d.analystB.client.get(`/api/v1/tickets/${ticket.id}/history`), 200);
    expectStatus(await d.analystB.client.get(`/api/v1/tickets/${ticket.id}/articles`), 200);
    const list = expectStatus(await d.analystB.client.get('/api/v1/tickets?limit=200'), 200);
    expect(list.items.map((i: any) => i.id)).toContain(ticket.id);
    expect((await patchCurrent(d.analystB.client, ticket.id, { title: 'mine now' })).statusCode).toBe(403);
    expect((await d.analystB.client.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'still here' })).statusCode).toBe(403);

    // A colleague of the group who never held it still gets 404; so does the group's supervisor.
    expect((await d.supervisorB.client.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
    const others = expectStatus(await d.supervisorB.client.get('/api/v1/tickets?limit=200'), 200);
    expect(others.items.map((i: any) => i.id)).not.toContain(ticket.id);
  });

  it('an agent who let go of a ticket (reassigned to a colleague) keeps reading it', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    expectStatus(await patchCurrent(d.supervisorA.client, ticket.id, { assigneeGroupId: d.groupB, assigneeAgentId: d.analystB.agentId }), 200);
    expectStatus(await patchCurrent(d.supervisorB.client, ticket.id, { assigneeGroupId: d.groupA, assigneeAgentId: d.analystA2.agentId }), 200);
    expect((await d.analystB.client.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(200);
  });
});
