import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { expectStatus, makeDesk, openTicket, outboxOf, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const historyRows = (ticketId: number) =>
  t.ctx.db.selectFrom('ticket_history').select(['field', 'old_value', 'new_value', 'actor_user_id']).where('ticket_id', '=', ticketId).orderBy('id').execute();

describe('PATCH /tickets/:id', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('edits fields at the current version; an agent editing a new ticket takes it (open)', async () => {
    const ticket = await openTicket(d.analystA.client, { title: 'before', description: 'd' });
    t.clock.advance(60_000);
    const res = await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'after', description: 'd' });
    const updated = expectStatus(res, 200);
    expect(updated).toMatchObject({ title: 'after', status: 'open', description: 'd' });
    // One command is one version step: the edit and the take (new → open) are one update.
    expect(updated.version).toBe(2);
    expect(Date.parse(updated.updatedAt)).toBe(t.clock.now());
    const rows = await historyRows(ticket.id);
    expect(rows.map((r) => [r.field, r.old_value, r.new_value])).toEqual([
      ['title', 'before', 'after'],
      ['status', 'new', 'open'],
    ]);
    expect(rows.every((r) => r.actor_user_id === d.analystA.userId)).toBe(true);
    const events = await outboxOf(t, ticket.id);
    expect(events.map((e) => e.event)).toEqual(['ticket.created', 'ticket.status_changed', 'ticket.updated']);
    expect(events[2]!.payload).toEqual({ ticketId: ticket.id, actorUserId: d.analystA.userId, fields: ['title'] });
  });

  it('a PATCH that changes nothing writes nothing and keeps the version', async () => {
    const ticket = await openTicket(d.analystA.client, { tags: ['a', 'B'] });
    const same = expectStatus(await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: ticket.title, tags: ['B', 'a'] }), 200);
    expect(same.version).toBe(1);
    expect(same.status).toBe('new');
    expect(await historyRows(ticket.id)).toEqual([]);
  });

  it('refuses a stale version with 409 record.stale and writes nothing', async () => {
    const ticket = await openTicket(d.analystA.client);
    expectStatus(await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'first' }), 200);
    const before = await historyRows(ticket.id);
    const stale = await d.analystA2.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'second', tags: ['x'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    const now = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(now.title).toBe('first');
    expect(now.tags).toEqual([]);
    expect(await historyRows(ticket.id)).toEqual(before);
  });

  it('refuses any edit of a closed ticket (409 ticket.closed)', async () => {
    const ticket = await openTicket(d.analystA.client);
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    const closed = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'closed' }), 200);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.abilities.update).toBe(false);
    expect(closed.nextStatuses).toEqual([]);
    for (const body of [{ title: 'again' }, { status: 'open' }, { tags: ['x'] }, { assigneeAgentId: d.analystA.agentId }]) {
      const res = await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: closed.version, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().code).toBe('ticket.closed');
    }
  });

  it('refuses transitions the lifecycle does not allow (409), writing nothing', async () => {
    const ticket = await openTicket(d.analystA.client);
    const res = await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'changed too', status: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ticket.invalid_transition', details: { from: 'new', to: 'closed' } });
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).title).toBe(ticket.title);
  });

  it('pending-until: only with a pending status and in the future; leaving pending clears it', async () => {
    const ticket = await openTicket(d.analystA.client);
    const future = new Date(t.clock.now() + 86_400_000).toISOString();
    const past = new Date(t.clock.now() - 1).toISOString();
    const inPast = await patchCurrent(d.analystA.client, ticket.id, { status: 'pending_customer', pendingUntil: past });
    expect(inPast.statusCode).toBe(422);
    expect(inPast.json().code).toBe('ticket.pending_until_in_past');
    const notPending = await patchCurrent(d.analystA.client, ticket.id, { status: 'open', pendingUntil: future });
    expect(notPending.statusCode).toBe(422);
    expect(notPending.json().code).toBe('ticket.pending_until_needs_pending');
    const pending = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'pending_customer', pendingUntil: future }), 200);
    expect(pending).toMatchObject({ status: 'pending_customer', pendingUntil: future });
    const later = new Date(t.clock.now() + 2 * 86_400_000).toISOString();
    expect(expectStatus(await patchCurrent(d.analystA.client, ticket.id, { pendingUntil: later }), 200).pendingUntil).toBe(later);
    const open = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200);
    expect(open.pendingUntil).toBeNull();
  });

  it('a new requester brings their organisation unless one is named', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const moved = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { requesterContactId: d.contactPrivate.contactId }), 200);
    expect(moved.organization.id).toBe(d.privateOrg);
    const named = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { requesterContactId: d.contactShared.contactId, organizationId: null }), 200);
    expect(named.organization).toBeNull();
    const bad = await patchCurrent(d.analystA.client, ticket.id, { organizationId: 999999 });
    expect(bad.statusCode).toBe(422);
  });
});

describe('priority', () => {
  it('follows impact × urgency; an override (with a reason) holds until cleared', async () => {
    const ticket = await openTicket(d.analystA.client, { impact: 3, urgency: 3 });
    expect(ticket.priority).toBe(4);
    expect(expectStatus(await patchCurrent(d.analystA.client, ticket.id, { impact: 1 }), 200).priority).toBe(3);
    const noReason = await patchCurrent(d.analystA.client, ticket.id, { priorityOverride: { priority: 1, reason: ' ' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('ticket.override_reason_required');
    const overridden = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { priorityOverride: { priority: 1, reason: 'CEO laptop' } }), 200);
    expect(overridden.priority).toBe(1);
    expect(overridden.priorityOverride).toEqual({ priority: 1, reason: 'CEO laptop', by: d.analystA.userId });
    const held = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { impact: 3, urgency: 3 }), 200);
    expect(held.priority).toBe(1);
    const cleared = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { priorityOverride: null }), 200);
    expect(cleared.priority).toBe(4);
    expect(cleared.priorityOverride).toBeNull();
    const fields = (await historyRows(ticket.id)).map((r) => [r.field, r.old_value, r.new_value]);
    expect(fields).toContainEqual(['priorityOverride', null, 'CEO laptop']);
    expect(fields).toContainEqual(['priorityOverride', 'CEO laptop', null]);
    expect(fields).toContainEqual(['priority', '1', '4']);
  });
});

describe('assignment', () => {
  it('any worker takes a ticket of their group themselves, and lets go of it', async () => {
    const ticket = await openTicket(d.analystA.client);
    const taken = expectStatus(await patchCurrent(d.analystA2.client, ticket.id, { assigneeAgentId: d.analystA2.agentId }), 200);
    expect(taken.assignee).toEqual({ groupId: d.groupA, agentId: d.analystA2.agentId });
    expect(taken.status).toBe('open');
    const assigned = await outboxOf(t, ticket.id, 'ticket.assigned');
    expect(assigned.map((e) => e.payload)).toEqual([{ ticketId: ticket.id, actorUserId: d.analystA2.userId, groupId: d.groupA, agentId: d.analystA2.agentId }]);
    const released = expectStatus(await patchCurrent(d.analystA2.client, ticket.id, { assigneeAgentId: null }), 200);
    expect(released.assignee.agentId).toBeNull();
  });

  it('taking a ticket a colleague holds is a reassignment: 403 for an analyst, fine for the supervisor', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    const grab = await patchCurrent(d.analystA2.client, ticket.id, { assigneeAgentId: d.analystA2.agentId });
    expect(grab.statusCode).toBe(403);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).assignee.agentId).toBe(d.analystA.agentId);
    const moved = expectStatus(await patchCurrent(d.supervisorA.client, ticket.id, { assigneeAgentId: d.analystA2.agentId }), 200);
    expect(moved.assignee.agentId).toBe(d.analystA2.agentId);
  });

  it('assigning someone else or another group needs reassign (403 for an analyst)', async () => {
    const ticket = await openTicket(d.analystA.client);
    for (const body of [{ assigneeAgentId: d.analystA2.agentId }, { assigneeGroupId: d.groupB }]) {
      const res = await patchCurrent(d.analystA.client, ticket.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
    }
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).version).toBe(1);
  });

  it('a supervisor of the assignee group reassigns within it and to another group; the agent must belong to the group', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    const notMember = await patchCurrent(d.supervisorA.client, ticket.id, { assigneeAgentId: d.analystB.agentId });
    expect(notMember.statusCode).toBe(422);
    expect(notMember.json().code).toBe('ticket.assignee_not_in_group');
    const within = expectStatus(await patchCurrent(d.supervisorA.client, ticket.id, { assigneeAgentId: d.analystA2.agentId }), 200);
    expect(within.assignee).toEqual({ groupId: d.groupA, agentId: d.analystA2.agentId });
    const away = expectStatus(await patchCurrent(d.supervisorA.client, ticket.id, { assigneeGroupId: d.groupB }), 200);
    expect(away.assignee).toEqual({ groupId: d.groupB, agentId: null });
    expect(away.owner).toEqual({ groupId: d.groupA, agentId: d.analystA.agentId });
    // B's supervisor now supervises the assignee group; A's does not.
    expect((await patchCurrent(d.supervisorA.client, ticket.id, { assigneeAgentId: d.analystA.agentId })).statusCode).toBe(403);
    const back = expectStatus(await patchCurrent(d.supervisorB.client, ticket.id, { assigneeAgentId: d.analystB.agentId }), 200);
    expect(back.assignee).toEqual({ groupId: d.groupB, agentId: d.analystB.agentId });
  });

  it('a manager reassigns anywhere', async () => {
    const ticket = await openTicket(d.analystB.client);
    const res = expectStatus(await patchCurrent(d.manager.client, ticket.id, { assigneeGroupId: d.groupA, assigneeAgentId: d.analystA.agentId }), 200);
    expect(res.assignee).toEqual({ groupId: d.groupA, agentId: d.analystA.agentId });
  });

  it('an analyst of another group gets 404, a crm 403 or 404, an admin-only agent 404', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    expect((await d.analystB.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect((await d.adminOnly.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect((await d.crm.client.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, title: 'x' })).statusCode).toBe(403);
  });
});
