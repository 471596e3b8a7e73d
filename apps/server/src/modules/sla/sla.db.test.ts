import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { expectStatus, openTicket, outboxOf, patchCurrent, type Desk } from '../tickets/tickets.test-kit.ts';
import { defaultPolicy as defaultPolicyOf, H, slaTestApp, type SlaTestApp } from '../../../test/sla-desk.ts';

let t: TestApp;
let d: Desk;
let settle: SlaTestApp['settle'];
beforeAll(async () => {
  ({ t, d, settle } = await slaTestApp());
});
afterAll(() => t.destroy());

const sla = (id: number) =>
  t.ctx.db
    .selectFrom('tickets')
    .select(['sla_policy_id', 'sla_first_response_due_at', 'sla_next_response_due_at', 'sla_resolution_due_at', 'sla_next_event_at', 'sla_first_response_breached', 'sla_resolution_breached', 'sla_paused_ms', 'escalation_level', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const history = (id: number, field: string) => t.ctx.db.selectFrom('ticket_history').select(['old_value', 'new_value', 'actor_system']).where('ticket_id', '=', id).where('field', '=', field).orderBy('id').execute();
/** What told the requester that a ticket closed: in-app notifications and queued mails of the kind. */
const closedNotices = async (id: number) =>
  (await t.ctx.db.selectFrom('notifications').select('id').where('ticket_id', '=', id).where('kind', '=', 'ticket.closed').execute()).length +
  (await t.ctx.db.selectFrom('outbound_messages').select('id').where('ticket_id', '=', id).where('notification_kind', '=', 'ticket.closed').execute()).length;
const defaultPolicy = () => defaultPolicyOf(d);

describe('SLA on tickets', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('has a default policy on the Tehran calendar from the first start', async () => {
    const list = expectStatus(await d.analystA.client.get('/api/v1/admin/sla/policies'), 200).items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ isDefault: true, pauseOnThirdParty: false, warnAtPercent: 75, targets: { '3': { firstResponse: 240, resolution: 1440 } } });
    expect((await d.contactShared.client.get('/api/v1/admin/sla/policies')).statusCode).toBe(403);
    expect((await d.analystA.client.post('/api/v1/admin/sla/policies', { name: 'x', calendarId: list[0].calendarId, targets: {} })).statusCode).toBe(403);
  });

  it('chooses the default policy at creation and sets due times in business hours; a phone ticket has first response met', async () => {
    const now = t.clock.now();
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    const phone = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId, channel: 'phone' });
    await settle();
    const s = await sla(ticket.id);
    expect(s.sla_policy_id).toBe((await defaultPolicy()).id);
    // Priority 3: first response 4 h → Saturday 12:00 Tehran; resolution 24 h → Monday 16:00 (Sat, Sun, Mon 8 h each).
    expect(s.sla_first_response_due_at).toBe(now + 4 * H);
    expect(s.sla_resolution_due_at).toBe(now + 2 * 24 * H + 8 * H);
    expect(s.sla_next_event_at).toBe(now + 3 * H); // the 75 % warning
    expect(await history(ticket.id, 'slaPolicyId')).toEqual([{ old_value: null, new_value: String(s.sla_policy_id), actor_system: 'sla' }]);
    const p = await sla(phone.id);
    expect(p.sla_first_response_breached).toBe(0);
    // Only resolution's warning is ahead: 75 % of 24 h = 18 business hours → Monday 10:00.
    expect(p.sla_next_event_at).toBe(now + 2 * 24 * H + 2 * H);
  });

  it('warns once at 75 %, breaches and escalates once at 100 %, in history and the timeline', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    await settle();
    const start = t.clock.now();
    t.clock.set(start + 3 * H);
    await settle(true);
    await settle(true);
    const soon = expectStatus(await d.analystA.client.get('/api/v1/queues/breaching_soon/tickets'), 200).items.map((i: { id: number }) => i.id);
    expect(soon).toContain(ticket.id);
    const warnings = await outboxOf(t, ticket.id, 'ticket.sla_warning');
    expect(warnings.map((w) => w.payload.target)).toEqual(['first_response']);
    // The group hears of it once, in its language, and another group does not.
    const told = async (who: typeof d.analystA, kind: string) =>
      (expectStatus(await who.client.get('/api/v1/me/notifications'), 200).items as { kind: string; ticketId: number; data: { slaTarget?: string } }[]).filter((n) => n.kind === kind && n.ticketId === ticket.id);
    expect((await told(d.analystA, 'ticket.sla_warning')).map((n) => n.data.slaTarget)).toEqual(['first_response']);
    expect(await told(d.analystB, 'ticket.sla_warning')).toEqual([]);
    t.clock.set(start + 4 * H);
    await settle(true);
    await settle(true);
    expect((await outboxOf(t, ticket.id, 'ticket.sla_breached')).map((w) => w.payload.target)).toEqual(['first_response']);
    expect((await told(d.analystA, 'ticket.sla_breached')).map((n) => n.data.slaTarget)).toEqual(['first_response']);
    expect(await told(d.analystA, 'ticket.sla_warning')).toHaveLength(1);
    const s = await sla(ticket.id);
    expect(s).toMatchObject({ sla_first_response_breached: 1, escalation_level: 1 });
    expect(await history(ticket.id, 'slaFirstResponseBreached')).toEqual([{ old_value: '0', new_value: '1', actor_system: 'sla' }]);
    const articles = expectStatus(await d.supervisorA.client.get(`/api/v1/tickets/${ticket.id}/articles`), 200).items as { eventType: string | null; eventText?: string }[];
    expect(articles.find((a) => a.eventType === 'ticket.sla_breached')?.eventText).toBe('The SLA first-response target was breached.');
    const fa = await d.supervisorA.client.request({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/articles`, headers: { 'accept-language': 'fa' } });
    expect((fa.json().items as { eventType: string | null; eventText?: string }[]).find((a) => a.eventType === 'ticket.sla_breached')?.eventText).toBe('مهلت نخستین پاسخ در توافق‌نامهٔ سطح خدمت گذشت.');
    expect(await t.ctx.db.selectFrom('sla_actions').select(['action_key', 'level']).where('ticket_id', '=', ticket.id).orderBy('id').execute()).toHaveLength(2);
    // The contributed queue views: it is in "Breached" for its group, and in neither view for another group.
    const breached = expectStatus(await d.analystA.client.get('/api/v1/queues/breached/tickets'), 200).items.map((i: { id: number }) => i.id);
    expect(breached).toContain(ticket.id);
    const queues = (who: typeof d.analystA) => who.client.get('/api/v1/queues').then((r) => Object.fromEntries(r.json().items.map((i: { name: string; count: number }) => [i.name, i.count])));
    expect((await queues(d.analystB)).breached).toBe(0);
    expect((await queues(d.analystA)).breached).toBeGreaterThanOrEqual(1);
  });

  it('pauses resolution on pending_customer and resumes with the elapsed time kept', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    await settle();
    // A fresh ticket's earliest due is four business hours away: not yet breaching soon.
    expect(expectStatus(await d.analystA.client.get('/api/v1/queues/breaching_soon/tickets'), 200).items.map((i: { id: number }) => i.id)).not.toContain(ticket.id);
    const before = (await sla(ticket.id)).sla_resolution_due_at!;
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'pending_customer' }), 200);
    await settle();
    expect((await sla(ticket.id)).sla_resolution_due_at).toBeNull();
    // The API shows it paused to agents, and no SLA at all to the customer.
    const seen = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(seen.sla).toMatchObject({ paused: true, resolution: { dueAt: null, breached: false } });
    expect(seen.sla.firstResponse.dueAt).toBe(new Date((await sla(ticket.id)).sla_first_response_due_at!).toISOString());
    expect(expectStatus(await d.contactShared.client.get(`/api/v1/tickets/${ticket.id}`), 200).sla).toBeUndefined();
    t.clock.advance(H);
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200);
    await settle();
    const after = await sla(ticket.id);
    expect(after.sla_paused_ms).toBe(H);
    expect(after.sla_resolution_due_at).toBeGreaterThan(before);
  });

  it('applies a new priority to the same start: it may breach at once, and rules choose the policy again', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    await settle();
    t.clock.advance(2 * H);
    // Priority 1 (impact 1, urgency 1): first response 30 minutes, long gone.
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { impact: 1, urgency: 1 }), 200);
    await settle();
    expect((await sla(ticket.id)).sla_first_response_breached).toBe(1);

    const calendarId = (await defaultPolicy()).calendarId;
    const strict = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'درخواست خدمت', calendarId, targets: { '3': { firstResponse: 15, resolution: 60 } } }), 201);
    const rule = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/rules', { position: 1, filter: { field: 'type', op: 'eq', value: 'service_request' }, policyId: strict.id }), 201);
    expect((await d.adminOnly.client.post('/api/v1/admin/sla/rules', { position: 2, filter: { field: 'nope', op: 'eq', value: 1 }, policyId: strict.id })).statusCode).toBe(400);
    const request = await openTicket(d.analystA.client, { type: 'service_request', assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    const incident = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    await settle();
    expect((await sla(request.id)).sla_policy_id).toBe(strict.id);
    expect((await sla(incident.id)).sla_policy_id).toBe((await defaultPolicy()).id);
    // Changing the type re-chooses.
    expectStatus(await patchCurrent(d.analystA.client, incident.id, { type: 'service_request' }), 200);
    await settle();
    expect((await sla(incident.id)).sla_policy_id).toBe(strict.id);
    expect((await d.adminOnly.client.request({ method: 'DELETE', url: `/api/v1/admin/sla/rules/${rule.id}?version=1` })).statusCode).toBe(204);
  });

  it('closes a resolved ticket after tickets.auto_close_after_days (7), not before', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    await settle();
    t.clock.advance(6 * 24 * H);
    await settle(true);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).status).toBe('resolved');
    t.clock.advance(1 * 24 * H + 60_000);
    await settle(true);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).status).toBe('closed');
    expect(await history(ticket.id, 'status')).toContainEqual({ old_value: 'resolved', new_value: 'closed', actor_system: 'sla' });
    // Closed on time: the requester is told (in-app or by mail).
    expect(await closedNotices(ticket.id)).toBeGreaterThan(0);
  });

  it('closes quietly what was due to close over a day ago (the first sweep of an upgraded desk), telling nobody', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    await settle();
    // Resolved 30 days before the sweep first ran (a desk upgraded with old resolved tickets, or one that was down).
    await t.ctx.db.updateTable('tickets').set({ resolved_at: t.clock.now() - 30 * 24 * H }).where('id', '=', ticket.id).execute();
    t.clock.advance(60_000);
    await settle(true);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).status).toBe('closed');
    expect(await history(ticket.id, 'status')).toContainEqual({ old_value: 'resolved', new_value: 'closed', actor_system: 'sla' });
    expect(await closedNotices(ticket.id)).toBe(0);
  });

  it('recomputes after a calendar closure in a job, and an agent edit at the version read before still succeeds', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    await settle();
    const before = await sla(ticket.id);
    const calendarId = (await defaultPolicy()).calendarId;
    const cal = expectStatus(await d.adminOnly.client.get(`/api/v1/admin/calendars/${calendarId}`), 200);
    const today = new Date(t.clock.now() + 3.5 * H).toISOString().slice(0, 10).split('-').map(Number);
    expectStatus(
      await d.adminOnly.client.post(`/api/v1/admin/calendars/${calendarId}/closures`, { version: cal.version, date: { calendar: 'gregorian', year: today[0], month: today[1], day: today[2] }, region: 'تهران' }),
      201,
    );
    await settle();
    const after = await sla(ticket.id);
    expect(after.sla_first_response_due_at).toBeGreaterThan(before.sla_first_response_due_at!);
    expect(after.version).toBe(before.version);
    expectStatus(await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: before.version, title: 'هنوز کار نمی‌کند' }), 200);
  });

  it('raises the priority one step at a breach when the policy says so (off by default), as the sla actor, in history', async () => {
    const calendarId = (await defaultPolicy()).calendarId;
    expect((await defaultPolicy()) as unknown).toMatchObject({ onBreach: { raisePriority: false } });
    const raising = expectStatus(
      await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'بالا بردن', calendarId, targets: { '3': { resolution: 60 }, '2': { resolution: 600 } }, onBreach: { escalate: false, raisePriority: true } }),
      201,
    );
    expect(raising.onBreach).toEqual({ escalate: false, referToGroupId: null, raisePriority: true });
    const rule = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/rules', { position: 0, filter: { field: 'channel', op: 'eq', value: 'phone' }, policyId: raising.id }), 201);
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId, channel: 'phone' });
    await settle();
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).priority).toBe(3);
    const placed = await sla(ticket.id);
    expect(placed.sla_policy_id).toBe(raising.id);
    // An hour of business time on (the clock may stand outside working hours after the tests before).
    t.clock.set(placed.sla_resolution_due_at! + 60_000);
    await settle(true);
    await settle(true);
    const after = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(after.priority).toBe(2);
    expect(after.escalationLevel).toBe(0);
    expect(await history(ticket.id, 'priority')).toEqual([{ old_value: '3', new_value: '2', actor_system: 'sla' }]);
    // Once per breach: the next sweeps raise nothing more (P2's resolution of 10 h is still ahead).
    t.clock.advance(60_000);
    await settle(true);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).priority).toBe(2);
    expect((await d.adminOnly.client.request({ method: 'DELETE', url: `/api/v1/admin/sla/rules/${rule.id}?version=1` })).statusCode).toBe(204);
  });

  it('recomputes the open tickets under a policy when its targets or calendar change, in a job, keeping the starts', async () => {
    const calendarId = (await defaultPolicy()).calendarId;
    const policy = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'ویرایش‌شونده', calendarId, targets: { '3': { resolution: 600 } } }), 201);
    const rule = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/rules', { position: 0, filter: { field: 'channel', op: 'eq', value: 'phone' }, policyId: policy.id }), 201);
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId, channel: 'phone' });
    await settle();
    const before = await sla(ticket.id);
    expect(before.sla_policy_id).toBe(policy.id);
    // A rename moves no clock: nothing is recomputed.
    expectStatus(await d.adminOnly.client.patch(`/api/v1/admin/sla/policies/${policy.id}`, { version: 1, name: 'نام تازه' }), 200);
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('event', '=', 'sla_policy.changed').execute()).toHaveLength(0);
    expectStatus(await d.adminOnly.client.patch(`/api/v1/admin/sla/policies/${policy.id}`, { version: 2, targets: { '3': { resolution: 60 } } }), 200);
    await settle();
    const after = await sla(ticket.id);
    expect(after.sla_resolution_due_at).toBeLessThan(before.sla_resolution_due_at!);
    expect(after.version).toBe(before.version);
    const tehran24 = expectStatus(await d.adminOnly.client.get('/api/v1/admin/calendars'), 200).items.find((c: { builtIn: string | null }) => c.builtIn === '24x7');
    expectStatus(await d.adminOnly.client.patch(`/api/v1/admin/sla/policies/${policy.id}`, { version: 3, calendarId: tehran24.id }), 200);
    await settle();
    // Around the clock, an hour from creation.
    const created = new Date(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).createdAt).getTime();
    expect((await sla(ticket.id)).sla_resolution_due_at).toBe(created + H);
    // Each of the two changes ran its subscriber inline (ADR 0031: no job row), which enqueued the policy's first chunk.
    expect(await t.ctx.db.selectFrom('jobs').select('name').where('name', '=', 'sla.policy_changed').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('jobs').select('unique_key').where('unique_key', 'like', `sla.recompute:policy:${policy.id}:%:0`).execute()).toHaveLength(2);
    expect((await d.adminOnly.client.request({ method: 'DELETE', url: `/api/v1/admin/sla/rules/${rule.id}?version=1` })).statusCode).toBe(204);
  });
  it('a chunk writes each ticket its own clocks, and leaves the actions it finds due to the sweep', async () => {
    const allDay = expectStatus(await d.adminOnly.client.get('/api/v1/admin/calendars'), 200).items.find((c: { builtIn: string | null }) => c.builtIn === '24x7');
    const policy = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'چند تیکت', calendarId: allDay.id, targets: { '3': { resolution: 1200 } }, warnAtPercent: 75 }), 201);
    const rule = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/rules', { position: 0, filter: { field: 'channel', op: 'eq', value: 'phone' }, policyId: policy.id }), 201);
    const MIN = 60_000;
    const tickets: { id: number; createdAt: number }[] = [];
    for (const gap of [15, 15, 10]) {
      const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId, channel: 'phone' });
      tickets.push({ id: ticket.id, createdAt: new Date(ticket.createdAt).getTime() });
      t.clock.advance(gap * MIN);
    }
    await settle();
    // Now 40 min after the first: with 30 min to resolve, the first is breached, the second past its warning (22.5 min), the third neither.
    expectStatus(await d.adminOnly.client.patch(`/api/v1/admin/sla/policies/${policy.id}`, { version: policy.version, targets: { '3': { resolution: 30 } } }), 200);
    await settle();
    const now = t.clock.now();
    const states = await Promise.all(tickets.map((x) => sla(x.id)));
    expect(states.map((s) => s.sla_resolution_due_at)).toEqual(tickets.map((x) => x.createdAt + 30 * MIN));
    expect(states.map((s) => s.sla_resolution_breached)).toEqual([1, 0, 0]);
    const actions = (id: number) => t.ctx.db.selectFrom('sla_actions').select('level').where('ticket_id', '=', id).orderBy('id').execute();
    // The chunk took no action: the two that call for one are next for the sweep, the third at its warning.
    expect(await Promise.all(tickets.map((x) => actions(x.id)))).toEqual([[], [], []]);
    expect(states.map((s) => s.sla_next_event_at !== null && s.sla_next_event_at <= now)).toEqual([true, true, false]);
    expect(states[2]!.sla_next_event_at).toBe(tickets[2]!.createdAt + 22.5 * MIN);
    await settle(true);
    await settle(true);
    expect(await Promise.all(tickets.map((x) => actions(x.id)))).toEqual([[{ level: 'breach' }], [{ level: 'warning' }], []]);
    expect((await sla(tickets[0]!.id)).escalation_level).toBe(1);
    expect(await history(tickets[0]!.id, 'slaResolutionBreached')).toEqual([{ old_value: '0', new_value: '1', actor_system: 'sla' }]);
    // Taken once: the sweep's next pass finds nothing more to do for them.
    expect((await sla(tickets[1]!.id)).sla_next_event_at).toBe(tickets[1]!.createdAt + 30 * MIN);
    expect((await d.adminOnly.client.request({ method: 'DELETE', url: `/api/v1/admin/sla/rules/${rule.id}?version=1` })).statusCode).toBe(204);
  });
});
