import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, signIn } from '../../../test/factories.ts';
import { expectStatus, makeDesk, openTicket, outboxOf, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
let serviceDesk: number;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
  serviceDesk = (await t.ctx.db.selectFrom('groups').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.destroy());

describe('creating tickets', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an analyst opens a ticket for a requester: owner is the analyst and their group, the organisation is copied', async () => {
    const ticket = await openTicket(d.analystA.client, {
      title: '  چاپگر طبقه ۲ کار نمی‌کند ',
      description: '<b>not html</b>',
      requesterContactId: d.contactShared.contactId,
      channel: 'phone',
      impact: 1,
      urgency: 2,
      tags: ['VPN ', 'vpn', 'طبقه۲'],
    });
    expect(ticket).toMatchObject({
      title: '  چاپگر طبقه ۲ کار نمی‌کند ',
      description: '<b>not html</b>',
      type: 'incident',
      status: 'new',
      channel: 'phone',
      impact: 1,
      urgency: 2,
      priority: 2,
      priorityOverride: null,
      requester: { id: d.contactShared.contactId, name: d.contactShared.email },
      organization: { id: d.sharingOrg },
      owner: { groupId: d.groupA, agentId: d.analystA.agentId },
      assignee: { groupId: d.groupA, agentId: null },
      escalationLevel: 0,
      mergedInto: null,
      version: 1,
      nextStatuses: ['open', 'pending_customer', 'pending_third_party', 'resolved'],
    });
    expect(ticket.displayNumber).toBe(`#${ticket.number}`);
    expect(ticket.number).toBeGreaterThanOrEqual(10001);
    expect(ticket.tags).toEqual(['VPN ', 'طبقه۲']);
    expect(ticket.abilities).toMatchObject({ update: true, reassign: false, escalate: true, history: true, confirm: false });
    const stored = await t.ctx.db.selectFrom('ticket_tags').select(['tag', 'tag_normalized']).where('ticket_id', '=', ticket.id).execute();
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(
      expect.arrayContaining([
        { tag: 'طبقه۲', tag_normalized: 'طبقه2' },
        { tag: 'VPN ', tag_normalized: 'vpn' },
      ]),
    );
    expect((await outboxOf(t, ticket.id)).map((e) => e.event)).toEqual(['ticket.created']);
    const history = await t.ctx.db.selectFrom('ticket_history').select('id').where('ticket_id', '=', ticket.id).execute();
    expect(history).toHaveLength(0);
  });

  it('routes to another group: the creator stays owner with their own group', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupB, assigneeAgentId: d.analystB.agentId });
    expect(ticket.owner).toEqual({ groupId: d.groupA, agentId: d.analystA.agentId });
    expect(ticket.assignee).toEqual({ groupId: d.groupB, agentId: d.analystB.agentId });
    expect(ticket.channel).toBe('agent');
  });

  it('refuses an assignee outside the group and references to nothing (422), writing nothing', async () => {
    const before = await t.ctx.db.selectFrom('tickets').select('id').execute();
    const notMember = await d.analystA.client.post('/api/v1/tickets', { title: 'x', type: 'incident', assigneeAgentId: d.analystB.agentId });
    expect(notMember.statusCode).toBe(422);
    expect(notMember.json().code).toBe('ticket.assignee_not_in_group');
    const noContact = await d.analystA.client.post('/api/v1/tickets', { title: 'x', type: 'incident', requesterContactId: 999999 });
    expect(noContact.statusCode).toBe(422);
    expect(noContact.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'requesterContactId' } });
    const noGroup = await d.analystA.client.post('/api/v1/tickets', { title: 'x', type: 'incident', assigneeGroupId: 999999 });
    expect(noGroup.statusCode).toBe(422);
    const noCategory = await d.analystA.client.post('/api/v1/tickets', { title: 'x', type: 'incident', categoryId: 999999 });
    expect(noCategory.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'categoryId' } });
    const noOrg = await d.analystA.client.post('/api/v1/tickets', { title: 'x', type: 'incident', organizationId: 999999 });
    expect(noOrg.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'organizationId' } });
    const noReason = await d.analystA.client.post('/api/v1/tickets', { title: 'x', type: 'incident', priorityOverride: { priority: 1, reason: '  ' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('ticket.override_reason_required');
    expect(await t.ctx.db.selectFrom('tickets').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses malformed input with 400', async () => {
    for (const body of [
      { title: '', type: 'incident' },
      { title: '   ', type: 'incident' },
      { title: 'x'.repeat(301), type: 'incident' },
      { title: 'x', type: 'problem' },
      { title: 'x', type: 'incident', impact: 4 },
      { title: 'x', type: 'incident', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { title: 'x', type: 'incident', tags: ['y'.repeat(51)] },
      { title: 'x', type: 'incident', unknown: 1 },
      { title: 'x', type: 'incident', description: 'd'.repeat(100_001) },
    ]) {
      const res = await d.analystA.client.post('/api/v1/tickets', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });

  it('a contact opens a ticket through the portal: the Service Desk group owns and works it', async () => {
    const ticket = await openTicket(d.contactPrivate.client, { channel: 'phone', categoryId: null });
    expect(ticket).toMatchObject({
      channel: 'portal',
      status: 'new',
      requester: { id: d.contactPrivate.contactId },
      organization: { id: d.privateOrg },
      owner: { groupId: serviceDesk, agentId: null },
      assignee: { groupId: serviceDesk, agentId: null },
      nextStatuses: [],
    });
    expect(ticket).not.toHaveProperty('escalationLevel');
    expect(ticket).not.toHaveProperty('priorityOverride');
    expect(ticket.abilities).toMatchObject({ update: false, history: false, reply: true, escalate: false });
  });

  it('the first Service Desk agent who takes a portal ticket becomes its owner', async () => {
    const ticket = await openTicket(d.contactPrivate.client);
    const deskAgent = await makeAgent(t, { roles: ['analyst'], groupIds: [serviceDesk] });
    const client = await signIn(t.app, deskAgent.email);
    const taken = expectStatus(await patchCurrent(client, ticket.id, { assigneeAgentId: deskAgent.agentId }), 200);
    expect(taken).toMatchObject({
      status: 'open',
      owner: { groupId: serviceDesk, agentId: deskAgent.agentId },
      assignee: { groupId: serviceDesk, agentId: deskAgent.agentId },
    });
    const fields = expectStatus(await client.get(`/api/v1/tickets/${ticket.id}/history`), 200).items.map((i: any) => i.field);
    expect(fields).toEqual(['assigneeAgentId', 'ownerAgentId', 'status']);
  });

  it('a contact may not set desk fields', async () => {
    for (const [field, value] of [
      ['priorityOverride', { priority: 1, reason: 'urgent!' }],
      ['assigneeGroupId', d.groupA],
      ['organizationId', d.sharingOrg],
      ['requesterContactId', d.colleaguePrivate.contactId],
    ] as const) {
      const res = await d.contactPrivate.client.post('/api/v1/tickets', { title: 'x', type: 'incident', [field]: value });
      expect(res.statusCode, field).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ticket.field_not_editable', details: { field } });
    }
  });

  it('only workers and contacts create: crm-only and admin-only agents 403, anonymous 401', async () => {
    const body = { title: 'x', type: 'incident' };
    expect((await d.crm.client.post('/api/v1/tickets', body)).statusCode).toBe(403);
    expect((await d.adminOnly.client.post('/api/v1/tickets', body)).statusCode).toBe(403);
    expect((await anonymousClient(t.app).post('/api/v1/tickets', body)).statusCode).toBe(401);
    expect((await d.supervisorA.client.post('/api/v1/tickets', body)).statusCode).toBe(201);
    expect((await d.manager.client.post('/api/v1/tickets', body)).statusCode).toBe(201);
  });

  it('a manager without groups creates into the Service Desk group', async () => {
    const ticket = await openTicket(d.manager.client);
    expect(ticket.owner).toEqual({ groupId: serviceDesk, agentId: d.manager.agentId });
    expect(ticket.assignee).toEqual({ groupId: serviceDesk, agentId: null });
  });

  it('gives 20 concurrent creations 20 distinct consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => d.analystA.client.post('/api/v1/tickets', { title: `burst ${i}`, type: 'service_request' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19]! - numbers[0]!).toBe(19);
  });
});

describe('reading a ticket: visibility', () => {
  let ticket: any;
  beforeAll(async () => {
    ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
  });
  const get = (m: { client: { get(u: string): Promise<any> } }) => m.client.get(`/api/v1/tickets/${ticket.id}`);

  it('the desk of its groups, supervisors of them and managers see it', async () => {
    expect((await get(d.analystA2)).statusCode).toBe(200);
    expect((await get(d.supervisorA)).statusCode).toBe(200);
    expect((await get(d.manager)).statusCode).toBe(200);
    expect(expectStatus(await get(d.supervisorA), 200).abilities.reassign).toBe(true);
  });

  it('an analyst of another group and an admin-only agent get 404', async () => {
    for (const m of [d.analystB, d.supervisorB, d.adminOnly]) {
      const res = await get(m);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('record.not_found');
    }
    expect((await d.analystB.client.get('/api/v1/tickets/999999')).statusCode).toBe(404);
    expect((await anonymousClient(t.app).get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(401);
  });

  it("the organisation's account manager reads it but cannot edit it (403)", async () => {
    const read = expectStatus(await get(d.crm), 200);
    expect(read.abilities).toMatchObject({ update: false, history: true, note: false });
    const patch = await d.crm.client.patch(`/api/v1/tickets/${ticket.id}`, { version: read.version, title: 'mine now' });
    expect(patch.statusCode).toBe(403);
    const otherCrm = await makeAgent(t, { roles: ['crm'] });
    expect((await (await signIn(t.app, otherCrm.email)).get(`/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
  });

  it('the requester and colleagues of a sharing organisation see it, without desk-internal fields', async () => {
    const own = expectStatus(await get(d.contactShared), 200);
    expect(own).not.toHaveProperty('escalationLevel');
    expect(own).not.toHaveProperty('escalatedAt');
    expect(own.abilities).toMatchObject({ update: false, history: false });
    expect((await get(d.colleagueShared)).statusCode).toBe(200);
    expect((await get(d.contactPrivate)).statusCode).toBe(404);
  });

  it('colleagues of a non-sharing organisation do not see each other’s tickets', async () => {
    const own = await openTicket(d.contactPrivate.client);
    expect((await d.contactPrivate.client.get(`/api/v1/tickets/${own.id}`)).statusCode).toBe(200);
    expect((await d.colleaguePrivate.client.get(`/api/v1/tickets/${own.id}`)).statusCode).toBe(404);
    expect((await d.contactShared.client.get(`/api/v1/tickets/${own.id}`)).statusCode).toBe(404);
  });

  it('a contact cannot edit (403) — not even their own ticket', async () => {
    const own = await openTicket(d.contactShared.client);
    const res = await patchCurrent(d.contactShared.client, own.id, { title: 'changed' });
    expect(res.statusCode).toBe(403);
    const contactAgain = await makeContact(t, { organizationId: d.sharingOrg });
    const colleague = await signIn(t.app, contactAgain.email);
    expect((await colleague.patch(`/api/v1/tickets/${own.id}`, { version: 1, title: 'x' })).statusCode).toBe(403);
  });
});
