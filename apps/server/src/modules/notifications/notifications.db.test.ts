import type { EventMap, EventName } from '@pishkhan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, signIn, type Client, type Person } from '../../../test/factories.ts';
import { transaction } from '../../platform/db/index.ts';
import { recordEvent } from '../../platform/events/index.ts';

let t: TestApp;
let groupId: number;
let otherGroupId: number;
let owner: Person;
let assignee: Person;
let supervisor: Person;
let otherSupervisor: Person;
let manager: Person;
let ticketNumber = 1000;
const SECRET_NOTE = 'internal: the customer is on the watch list';

beforeAll(async () => {
  t = await createTestApp();
  groupId = await makeGroup(t);
  otherGroupId = await makeGroup(t);
  owner = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
  assignee = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
  supervisor = await makeAgent(t, { roles: ['supervisor'], groupIds: [groupId] });
  otherSupervisor = await makeAgent(t, { roles: ['supervisor'], groupIds: [otherGroupId] });
  manager = await makeAgent(t, { roles: ['manager'] });
});
afterAll(() => t.destroy());

/** A ticket owned by `owner`, assigned to `assignee` in the group, with an internal note. */
async function makeTicket(title = `Printer ${ticketNumber}`): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('tickets')
    .values({
      number: ++ticketNumber,
      type: 'incident',
      status: 'open',
      title,
      description: '',
      impact: 2,
      urgency: 2,
      priority: 3,
      priority_overridden: 0,
      channel: 'agent',
      owner_group_id: groupId,
      owner_agent_id: owner.agentId!,
      assignee_group_id: groupId,
      assignee_agent_id: assignee.agentId!,
      escalation_level: 0,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('articles')
    .values({ ticket_id: id, kind: 'note', internal: 1, channel: 'agent', author_user_id: owner.userId, author_kind: 'agent', body: SECRET_NOTE, created_at: now })
    .execute();
  return id;
}

/** Records the event in a committed transaction, then delivers it like the running server would. */
async function emit<K extends EventName>(name: K, payload: EventMap[K]): Promise<void> {
  await transaction(t.ctx.db, (trx) => recordEvent(trx, t.clock, name, payload));
  await deliver();
}
async function deliver(): Promise<void> {
  await t.ctx.events.dispatchPending();
  await t.ctx.jobs.drain();
}
const rowsFor = (ticketId: number) => t.ctx.db.selectFrom('notifications').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
const list = async (client: Client, query = '') => json((await client.get(`/api/v1/me/notifications${query}`)));

describe('notifications', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('tells the assigned agent, not the one who assigned; unread count, mark read, and nobody else can read it', async () => {
    const ticketId = await makeTicket('Printer on floor 3');
    await emit('ticket.assigned', { ticketId, actorUserId: owner.userId, groupId, agentId: assignee.agentId! });

    const rows = await rowsFor(ticketId);
    expect(rows.map((r) => r.user_id)).toEqual([assignee.userId]);
    const me = await signIn(t.app, assignee.email);
    const page = await list(me);
    const item = page.items.find((i: any) => i.ticketId === ticketId);
    expect(item).toMatchObject({
      kind: 'ticket.assigned',
      read: false,
      readAt: null,
      data: { ticketTitle: 'Printer on floor 3', ticketNumber: expect.any(Number), actorUserId: owner.userId, groupId },
    });
    expect(item.createdAt).toBe(new Date(t.clock.now()).toISOString());
    const unreadBefore = page.unreadCount;
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    expect((await list(await signIn(t.app, owner.email))).items.some((i: any) => i.ticketId === ticketId)).toBe(false);

    // Someone else's notification does not exist for them.
    const stranger = await signIn(t.app, owner.email);
    const theirs = await stranger.post(`/api/v1/me/notifications/${item.id}/read`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('record.not_found');
    const contact = await makeContact(t);
    expect((await (await signIn(t.app, contact.email)).post(`/api/v1/me/notifications/${item.id}/read`)).statusCode).toBe(404);
    expect((await me.post('/api/v1/me/notifications/999999999/read')).statusCode).toBe(404);
    expect((await anonymousClient(t.app).get('/api/v1/me/notifications')).statusCode).toBe(401);
    expect((await list(me)).unreadCount).toBe(unreadBefore);

    t.clock.advance(60_000);
    const read = await me.post(`/api/v1/me/notifications/${item.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(json(read)).toMatchObject({ id: item.id, read: true, readAt: new Date(t.clock.now()).toISOString() });
    t.clock.advance(60_000);
    expect(json(await me.post(`/api/v1/me/notifications/${item.id}/read`)).readAt).toBe(json(read).readAt);
    expect((await list(me)).unreadCount).toBe(unreadBefore - 1);
    expect((await list(me, '?unread=true')).items.some((i: any) => i.id === item.id)).toBe(false);
  });

  it('does not notify an agent who assigned the ticket to themselves', async () => {
    const ticketId = await makeTicket();
    await emit('ticket.assigned', { ticketId, actorUserId: assignee.userId, groupId, agentId: assignee.agentId! });
    expect(await rowsFor(ticketId)).toEqual([]);
  });

  it('a redelivered event never notifies twice', async () => {
    const ticketId = await makeTicket();
    await emit('ticket.assigned', { ticketId, actorUserId: null, groupId, agentId: assignee.agentId! });
    expect(await rowsFor(ticketId)).toHaveLength(1);
    const event = await t.ctx.db.selectFrom('outbox').select(['id', 'payload', 'created_at']).where('event', '=', 'ticket.assigned').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const outboxId = event.id;
    // The same event dispatched again (its inline subscriber runs again, ADR 0031), and its handler run again as a job.
    await t.ctx.db.updateTable('outbox').set({ dispatched_at: null }).where('id', '=', outboxId).execute();
    await t.ctx.jobs.enqueue(t.ctx.db, 'notifications.ticket_assigned', { outboxId, event: 'ticket.assigned', payload: JSON.parse(event.payload), occurredAt: event.created_at });
    await deliver();
    expect(await rowsFor(ticketId)).toHaveLength(1);
    expect((await rowsFor(ticketId))[0]!.dedupe_key).toBe(`${outboxId}:user:${assignee.userId}`);
  });

  it('read-all marks every unread notification of the caller only', async () => {
    const reader = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
    for (let i = 0; i < 3; i++) {
      const ticketId = await makeTicket();
      await t.ctx.db.updateTable('tickets').set({ assignee_agent_id: reader.agentId! }).where('id', '=', ticketId).execute();
      await emit('ticket.assigned', { ticketId, actorUserId: owner.userId, groupId, agentId: reader.agentId! });
    }
    const me = await signIn(t.app, reader.email);
    expect((await list(me)).unreadCount).toBe(3);
    const assigneeUnread = (await list(await signIn(t.app, assignee.email))).unreadCount;

    const firstPage = await list(me, '?limit=2');
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.items[0].id).toBeGreaterThan(firstPage.items[1].id);
    const secondPage = await list(me, `?limit=2&cursor=${firstPage.nextCursor}`);
    expect(secondPage.items).toHaveLength(1);
    expect(secondPage.nextCursor).toBeNull();
    expect((await me.get('/api/v1/me/notifications?cursor=not-a-cursor')).statusCode).toBe(400);

    const all = await me.post('/api/v1/me/notifications/read-all');
    expect(all.statusCode).toBe(200);
    expect(json(all)).toEqual({ marked: 3, unreadCount: 0 });
    expect((await list(me)).unreadCount).toBe(0);
    expect((await list(me, '?unread=true')).items).toEqual([]);
    expect((await list(me)).items.every((i: any) => i.read)).toBe(true);
    expect(json(await me.post('/api/v1/me/notifications/read-all'))).toEqual({ marked: 0, unreadCount: 0 });
    expect((await list(await signIn(t.app, assignee.email))).unreadCount).toBe(assigneeUnread);
  });

  it('hierarchical escalation: level 1 tells the supervisors of the assignee group, level 2 the managers', async () => {
    const ticketId = await makeTicket();
    await emit('ticket.escalated', { ticketId, actorUserId: assignee.userId, kind: 'hierarchical', level: 1, groupId });
    expect((await rowsFor(ticketId)).map((r) => r.user_id)).toEqual([supervisor.userId]);
    await emit('ticket.escalated', { ticketId, actorUserId: supervisor.userId, kind: 'hierarchical', level: 2 });
    const rows = await rowsFor(ticketId);
    const managers = await t.ctx.db
      .selectFrom('agent_roles')
      .innerJoin('agents', 'agents.id', 'agent_roles.agent_id')
      .select('agents.user_id')
      .where('agent_roles.role', '=', 'manager')
      .execute();
    expect(rows.slice(1).map((r) => r.user_id).sort()).toEqual(managers.map((m) => m.user_id).sort());
    expect(rows.some((r) => r.user_id === manager.userId)).toBe(true);
    expect(rows.some((r) => r.user_id === otherSupervisor.userId)).toBe(false);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ escalationLevel: 1, groupId });
    expect(JSON.parse(rows.at(-1)!.data)).toMatchObject({ escalationLevel: 2 });
    // A functional escalation to a group the ticket is no longer assigned to (a stale event) tells no one.
    await emit('ticket.escalated', { ticketId, actorUserId: assignee.userId, kind: 'functional', groupId: otherGroupId });
    expect(await rowsFor(ticketId)).toHaveLength(rows.length);
  });

  it('functional escalation tells the members of the receiving group, not the named agent (ticket.assigned does) nor the actor', async () => {
    const ticketId = await makeTicket();
    const member = await makeAgent(t, { roles: ['analyst'], groupIds: [otherGroupId] });
    const named = await makeAgent(t, { roles: ['analyst'], groupIds: [otherGroupId] });
    const gone = await makeAgent(t, { roles: ['analyst'], groupIds: [otherGroupId] });
    await t.ctx.db.updateTable('agents').set({ active: 0 }).where('id', '=', gone.agentId!).execute();
    await t.ctx.db.updateTable('tickets').set({ assignee_group_id: otherGroupId, assignee_agent_id: named.agentId! }).where('id', '=', ticketId).execute();
    await emit('ticket.escalated', { ticketId, actorUserId: member.userId, kind: 'functional', groupId: otherGroupId });
    const rows = await rowsFor(ticketId);
    expect(rows.map((r) => r.user_id).sort()).toEqual([otherSupervisor.userId]);
    expect(rows.map((r) => r.kind)).toEqual(['ticket.referred']);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ groupId: otherGroupId, actorUserId: member.userId });
    // Without an actor, the member hears of it too.
    await emit('ticket.escalated', { ticketId, actorUserId: null, kind: 'functional', groupId: otherGroupId });
    expect((await rowsFor(ticketId)).slice(1).map((r) => r.user_id).sort((a, b) => a - b)).toEqual([member.userId, otherSupervisor.userId].sort((a, b) => a - b));
  });

  it('skips recipients whose agent or sign-in is no longer active', async () => {
    const group = await makeGroup(t);
    const active = await makeAgent(t, { roles: ['supervisor'], groupIds: [group] });
    const signInOff = await makeAgent(t, { roles: ['supervisor'], groupIds: [group] });
    const agentOff = await makeAgent(t, { roles: ['supervisor'], groupIds: [group] });
    const admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    expect((await admin.patch(`/api/v1/agents/${agentOff.agentId}`, { version: 1, active: false })).statusCode).toBe(200);
    await t.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', signInOff.userId).execute();

    const ticketId = await makeTicket();
    await emit('ticket.escalated', { ticketId, actorUserId: null, kind: 'hierarchical', level: 1, groupId: group });
    expect((await rowsFor(ticketId)).map((r) => r.user_id)).toEqual([active.userId]);
    for (const person of [active, signInOff, agentOff]) {
      const returned = await makeTicket();
      await emit('ticket.referral_returned', { ticketId: returned, actorUserId: null, ownerGroupId: group, ownerAgentId: person.agentId! });
      expect((await rowsFor(returned)).map((r) => r.user_id)).toEqual(person === active ? [active.userId] : []);
    }
  });

  it('a reached pending date tells the assignee; a returned referral tells the owner agent', async () => {
    const ticketId = await makeTicket();
    await emit('ticket.pending_reached', { ticketId });
    expect((await rowsFor(ticketId)).map((r) => [r.kind, r.user_id])).toEqual([['ticket.pending_reached', assignee.userId]]);
    await emit('ticket.referral_returned', { ticketId, actorUserId: assignee.userId, ownerGroupId: groupId, ownerAgentId: owner.agentId! });
    expect((await rowsFor(ticketId)).map((r) => [r.kind, r.user_id])).toEqual([
      ['ticket.pending_reached', assignee.userId],
      ['ticket.referral_returned', owner.userId],
    ]);
  });

  it('never carries article text: the internal note of the ticket appears in no notification', async () => {
    const ticketId = await makeTicket();
    await emit('ticket.assigned', { ticketId, actorUserId: null, groupId, agentId: assignee.agentId! });
    await emit('ticket.escalated', { ticketId, actorUserId: null, kind: 'hierarchical', level: 1 });
    const rows = await t.ctx.db.selectFrom('notifications').select(['data']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.data).not.toContain(SECRET_NOTE);
      expect(Object.keys(JSON.parse(r.data)).every((k) => ['ticketNumber', 'ticketTitle', 'actorUserId', 'actorName', 'articleId', 'escalationLevel', 'groupId'].includes(k))).toBe(true);
    }
  });
});
