import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { transaction } from '../../platform/db/index.ts';
import { escalateTicket } from './index.ts';
import { expectStatus, makeDesk, openTicket, outboxOf, patchCurrent, type Desk, type Member } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

async function queue(client: Client, name: string): Promise<number[]> {
  const page = expectStatus(await client.get(`/api/v1/queues/${name}/tickets?limit=200`), 200);
  return page.items.map((i: any) => i.id);
}
const escalate = (client: Client, id: number, body: Record<string, unknown>) => client.post(`/api/v1/tickets/${id}/escalations`, body);

describe('functional escalation', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('tells the receiving group\'s members in their notifications (through the route, the outbox and the jobs); not the one who referred it', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    const referredTo = async (m: Member) =>
      expectStatus(await m.client.get('/api/v1/me/notifications?limit=100'), 200).items.filter((n: any) => n.kind === 'ticket.referred' && n.ticketId === ticket.id);
    expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupB, reason: 'needs the network team' }), 200);
    await t.ctx.events.dispatchPending();
    await t.ctx.jobs.drain();
    expect(await referredTo(d.analystB)).toHaveLength(1);
    expect(await referredTo(d.supervisorB)).toHaveLength(1);
    expect(await referredTo(d.analystA)).toEqual([]);
    expect(await referredTo(d.analystA2)).toEqual([]);
  });

  it('refers a ticket to another group; the owner follows it and gets it back resolved', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    const referred = expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupB, reason: 'needs the network team' }), 200);
    expect(referred.assignee).toEqual({ groupId: d.groupB, agentId: null });
    expect(referred.owner).toEqual({ groupId: d.groupA, agentId: d.analystA.agentId });
    expect(referred.version).toBe(ticket.version + 1);
    const history = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/history`), 200).items.map((i: any) => [i.field, i.oldValue, i.newValue]);
    expect(history).toEqual(
      expect.arrayContaining([
        ['assigneeGroupId', String(d.groupA), String(d.groupB)],
        ['assigneeAgentId', String(d.analystA.agentId), null],
        ['escalationReason', null, 'needs the network team'],
      ]),
    );
    const events = await outboxOf(t, ticket.id);
    expect(events.find((e) => e.event === 'ticket.escalated')!.payload).toEqual({
      ticketId: ticket.id,
      actorUserId: d.analystA.userId,
      kind: 'functional',
      groupId: d.groupB,
    });
    expect(JSON.stringify(events)).not.toContain('network team');

    expect(await queue(d.analystA.client, 'referred_elsewhere')).toContain(ticket.id);
    expect(await queue(d.analystA.client, 'open_in_my_groups')).not.toContain(ticket.id);
    expect(await queue(d.analystB.client, 'unassigned_in_my_groups')).toContain(ticket.id);
    expect(await queue(d.analystB.client, 'referred_elsewhere')).not.toContain(ticket.id);

    expectStatus(await patchCurrent(d.analystB.client, ticket.id, { assigneeAgentId: d.analystB.agentId }), 200);
    const resolved = expectStatus(await patchCurrent(d.analystB.client, ticket.id, { status: 'resolved' }), 200);
    expect(resolved.status).toBe('resolved');
    expect(resolved.assignee).toEqual({ groupId: d.groupA, agentId: d.analystA.agentId });
    const returned = await outboxOf(t, ticket.id, 'ticket.referral_returned');
    expect(returned.map((e) => e.payload)).toEqual([
      { ticketId: ticket.id, actorUserId: d.analystB.userId, ownerGroupId: d.groupA, ownerAgentId: d.analystA.agentId },
    ]);
    expect(await queue(d.analystA.client, 'recently_resolved')).toContain(ticket.id);
    expect(await queue(d.analystA.client, 'referred_elsewhere')).not.toContain(ticket.id);
    // The other group no longer works it once it went back; the agent who held it still reads it (issue 6).
    expect(expectStatus(await d.analystB.client.get(`/api/v1/tickets/${ticket.id}`), 200).abilities.update).toBe(false);
    expect((await d.supervisorB.client.get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
  });

  it('refuses the same group (409), unknown groups and agents outside the group (422), and writes nothing', async () => {
    const ticket = await openTicket(d.analystA.client);
    const same = await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupA, reason: 'x' });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('ticket.invalid_escalation');
    expect((await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: 999999, reason: 'x' })).statusCode).toBe(422);
    const outsider = await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupB, agentId: d.analystA.agentId, reason: 'x' });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json().code).toBe('ticket.assignee_not_in_group');
    expect((await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupB, reason: '' })).statusCode).toBe(400);
    expect((await escalate(d.analystA.client, ticket.id, { kind: 'sideways', reason: 'x' })).statusCode).toBe(400);
    expect((await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupB, reason: 'x', version: 7 })).statusCode).toBe(409);
    const now = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(now.version).toBe(1);
    expect(now.assignee.groupId).toBe(d.groupA);
  });

  it('names an agent of the target group directly', async () => {
    const ticket = await openTicket(d.analystA.client);
    const res = expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'functional', groupId: d.groupB, agentId: d.analystB.agentId, reason: 'x' }), 200);
    expect(res.assignee).toEqual({ groupId: d.groupB, agentId: d.analystB.agentId });
    expect(await queue(d.analystB.client, 'my_open')).toContain(ticket.id);
  });

  it('who may escalate: workers of the ticket; crm and contacts 403; other groups and admin-only 404', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const body = { kind: 'hierarchical', reason: 'x' };
    expect((await escalate(d.crm.client, ticket.id, body)).statusCode).toBe(403);
    expect((await escalate(d.contactShared.client, ticket.id, body)).statusCode).toBe(403);
    expect((await escalate(d.analystB.client, ticket.id, body)).statusCode).toBe(404);
    expect((await escalate(d.adminOnly.client, ticket.id, body)).statusCode).toBe(404);
  });

  it('resolved and closed tickets are not escalated', async () => {
    const ticket = await openTicket(d.analystA.client);
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    const resolved = await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'x' });
    expect(resolved.statusCode).toBe(409);
    expect(resolved.json().code).toBe('ticket.invalid_escalation');
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'closed' }), 200);
    const closed = await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'x' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('ticket.closed');
  });
});

describe('hierarchical escalation', () => {
  it('level 1 reaches the assignee group’s supervisors, level 2 the managers; no level 3', async () => {
    const ticket = await openTicket(d.analystA.client);
    const one = expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'customer is angry' }), 200);
    expect(one.escalationLevel).toBe(1);
    expect(one.escalatedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(await queue(d.supervisorA.client, 'escalated_to_me')).toContain(ticket.id);
    expect(await queue(d.supervisorB.client, 'escalated_to_me')).not.toContain(ticket.id);
    expect(await queue(d.manager.client, 'escalated_to_me')).not.toContain(ticket.id);
    expect(await queue(d.analystA.client, 'escalated_to_me')).not.toContain(ticket.id);
    expect(expectStatus(await d.supervisorA.client.get(`/api/v1/tickets/${ticket.id}`), 200).abilities.acknowledgeEscalation).toBe(true);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).abilities.acknowledgeEscalation).toBe(false);

    const two = expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'still angry' }), 200);
    expect(two.escalationLevel).toBe(2);
    expect(await queue(d.manager.client, 'escalated_to_me')).toContain(ticket.id);
    expect(await queue(d.supervisorA.client, 'escalated_to_me')).not.toContain(ticket.id);
    const events = await outboxOf(t, ticket.id, 'ticket.escalated');
    expect(events.map((e) => [e.payload.kind, e.payload.level])).toEqual([
      ['hierarchical', 1],
      ['hierarchical', 2],
    ]);

    const three = await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'x' });
    expect(three.statusCode).toBe(409);
    expect(three.json().code).toBe('ticket.invalid_escalation');
  });

  it('acknowledging keeps the level but leaves "Escalated to me"; de-escalating returns to 0', async () => {
    const ticket = await openTicket(d.analystA.client);
    expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'x' }), 200);
    expect((await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/escalation/acknowledge`, {})).statusCode).toBe(403);
    expect((await d.supervisorB.client.post(`/api/v1/tickets/${ticket.id}/escalation/acknowledge`, {})).statusCode).toBe(404);
    const acked = expectStatus(await d.supervisorA.client.post(`/api/v1/tickets/${ticket.id}/escalation/acknowledge`, {}), 200);
    expect(acked.escalationLevel).toBe(1);
    expect(acked.escalationAcknowledgedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(await queue(d.supervisorA.client, 'escalated_to_me')).not.toContain(ticket.id);
    const again = expectStatus(await d.supervisorA.client.post(`/api/v1/tickets/${ticket.id}/escalation/acknowledge`, {}), 200);
    expect(again.version).toBe(acked.version);

    // A further escalation is unacknowledged again, for the managers.
    expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'y' }), 200);
    expect(await queue(d.manager.client, 'escalated_to_me')).toContain(ticket.id);
    expect((await d.supervisorA.client.post(`/api/v1/tickets/${ticket.id}/escalation/deescalate`, {})).statusCode).toBe(403);
    const down = expectStatus(await d.manager.client.post(`/api/v1/tickets/${ticket.id}/escalation/deescalate`, {}), 200);
    expect(down).toMatchObject({ escalationLevel: 0, escalatedAt: null, escalationAcknowledgedAt: null });
    expect(await queue(d.manager.client, 'escalated_to_me')).not.toContain(ticket.id);
    const none = await d.manager.client.post(`/api/v1/tickets/${ticket.id}/escalation/acknowledge`, {});
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('ticket.invalid_escalation');
    const stale = await d.manager.client.post(`/api/v1/tickets/${ticket.id}/escalation/deescalate`, { version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('the SLA sweep escalates through the same command as the system actor', async () => {
    const ticket = await openTicket(d.analystA.client);
    // In the sweep's own transaction (the caller's), as a job composes it.
    await transaction(t.ctx.db, (trx) => escalateTicket({ ...t.ctx, db: trx }, { ticketId: ticket.id, actor: systemActor('sla'), kind: 'hierarchical', reason: 'resolution target missed' }));
    const after = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(after.escalationLevel).toBe(1);
    const history = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/history`), 200).items;
    expect(history.find((h: any) => h.field === 'escalationLevel').actor).toEqual({ userId: null, system: 'sla', name: 'sla' });
    expect((await outboxOf(t, ticket.id, 'ticket.escalated'))[0]!.payload.actorUserId).toBeNull();
  });

  it('resolving ends a hierarchical escalation', async () => {
    const ticket = await openTicket(d.analystA.client);
    expectStatus(await escalate(d.analystA.client, ticket.id, { kind: 'hierarchical', reason: 'x' }), 200);
    const resolved = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    expect(resolved.escalationLevel).toBe(0);
    expect(await queue(d.supervisorA.client, 'escalated_to_me')).not.toContain(ticket.id);
  });
});
