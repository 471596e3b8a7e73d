import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { makeContact } from '../../../test/factories.ts';
import { onBehalfOf, systemActor } from '../../platform/actor.ts';
import { transaction } from '../../platform/db/index.ts';
import { createTicket } from './index.ts';
import { expectStatus, deskTestApp, outboxOf, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
let serviceDesk: number;
beforeAll(async () => ({ t, d, serviceDesk } = await deskTestApp()));
afterAll(() => t.destroy());

const body = { title: 'VPN is down', type: 'incident' as const };
const ticketsTitled = async (title: string) => t.ctx.db.selectFrom('tickets').select(['id', 'channel']).where('title', '=', title).execute();
const post = (client: Desk['analystA']['client'], payload: object, key?: string) =>
  client.request({ method: 'POST', url: '/api/v1/tickets', payload, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });

describe('createTicket for every channel', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an Idempotency-Key makes a repeated POST return the first ticket; another user with the same key gets their own', async () => {
    const title = `idem ${Date.now()}`;
    const first = expectStatus(await post(d.analystA.client, { ...body, title, channel: 'api' }, 'k-1'), 201);
    const again = expectStatus(await post(d.analystA.client, { ...body, title, channel: 'api' }, 'k-1'), 201);
    expect(again.id).toBe(first.id);
    expect(first.channel).toBe('api');
    expect(await ticketsTitled(title)).toHaveLength(1);
    const other = expectStatus(await post(d.analystA2.client, { ...body, title, channel: 'api' }, 'k-1'), 201);
    expect(other.id).not.toBe(first.id);
    // A contact through the portal has their own scope too.
    const portal = expectStatus(await post(d.contactShared.client, { ...body, title }, 'k-1'), 201);
    expect(portal.id).not.toBe(first.id);
    expect(expectStatus(await post(d.contactShared.client, { ...body, title }, 'k-1'), 201).id).toBe(portal.id);
    expect(await ticketsTitled(title)).toHaveLength(3);
    expect((await outboxOf(t, first.id, 'ticket.created')).length).toBe(1);
  });

  it('refuses an Idempotency-Key longer than 200 characters (400)', async () => {
    const res = await post(d.analystA.client, body, 'x'.repeat(201));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.invalid');
    expect((await post(d.analystA.client, { ...body, title: `len ${Date.now()}` }, 'y'.repeat(200))).statusCode).toBe(201);
  });

  it('a mail channel opens a ticket on behalf of a contact: the contact is the requester, the desk owns it, a re-delivered mail returns it', async () => {
    const contact = d.contactShared;
    const input = { actor: onBehalfOf('mail', contact.contactId!), title: `mail ${Date.now()}`, type: 'incident' as const, idempotencyKey: '<m1@example.com>' };
    // Composed in the channel's own transaction, as a dedup row would commit with it.
    const first = await transaction(t.ctx.db, (trx) => createTicket({ ...t.ctx, db: trx }, input));
    expect(first.replayed).toBe(false);
    expect(first.access.row).toMatchObject({
      channel: 'email',
      requester_contact_id: contact.contactId,
      organization_id: d.sharingOrg,
      owner_group_id: serviceDesk,
      owner_agent_id: null,
      created_by_user_id: null,
      impact: 2,
      version: 1,
    });
    const again = await createTicket(t.ctx, input);
    expect(again).toMatchObject({ replayed: true });
    expect(again.access.row.id).toBe(first.access.row.id);
    expect(await ticketsTitled(input.title)).toHaveLength(1);
    // The requester sees it in the portal.
    expect(expectStatus(await contact.client.get(`/api/v1/tickets/${first.access.row.id}`), 200).requester.id).toBe(contact.contactId);
  });

  it('a channel on behalf of a contact is held to the contact rules', async () => {
    const actor = onBehalfOf('sms', d.contactPrivate.contactId!);
    const refused = async (extra: object, field: string) => {
      const error = await createTicket(t.ctx, { actor, ...body, ...extra }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ticket.field_not_editable', details: { field } });
    };
    await refused({ impact: 1 }, 'impact');
    await refused({ requesterContactId: d.contactShared.contactId }, 'requesterContactId');
    await refused({ assigneeGroupId: d.groupA }, 'assigneeGroupId');
    await refused({ status: 'resolved' }, 'status');
    await refused({ channel: 'phone' }, 'channel');
    const ok = await createTicket(t.ctx, { actor, ...body, urgency: 1 });
    expect(ok.access.row).toMatchObject({ channel: 'sms', requester_contact_id: d.contactPrivate.contactId, impact: 2, urgency: 1, priority: 2 });
    // An unknown contact is nobody: 403.
    const stranger = await createTicket(t.ctx, { actor: onBehalfOf('mail', 99_999_999), ...body }).catch((e: unknown) => e);
    expect(stranger).toMatchObject({ code: 'access.forbidden' });
  });

  it('a contact sets urgency, not impact: their own request can never be priority 1', async () => {
    const res = await d.contactShared.client.post('/api/v1/tickets', { ...body, impact: 1, urgency: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'ticket.field_not_editable', details: { field: 'impact' } });
    const ticket = expectStatus(await d.contactShared.client.post('/api/v1/tickets', { ...body, urgency: 1 }), 201);
    expect(ticket).toMatchObject({ impact: 2, urgency: 1, priority: 2, channel: 'portal' });
  });

  it('an agent opens a ticket already resolved (a call solved on the spot): one row at version 1, first response met', async () => {
    t.clock.advance(1_000);
    const now = t.clock.now();
    const ticket = expectStatus(await d.analystA.client.post('/api/v1/tickets', { ...body, channel: 'phone', status: 'resolved', requesterContactId: d.contactShared.contactId }), 201);
    expect(ticket).toMatchObject({ status: 'resolved', channel: 'phone', version: 1 });
    expect(Date.parse(ticket.firstResponseAt)).toBe(now);
    expect(Date.parse(ticket.resolvedAt)).toBe(now);
    expect(ticket.abilities).toMatchObject({ confirm: true, reopen: true, update: true });
    const history = await t.ctx.db.selectFrom('ticket_history').select(['field', 'old_value', 'new_value']).where('ticket_id', '=', ticket.id).orderBy('id').execute();
    expect(history).toEqual(
      expect.arrayContaining([
        { field: 'status', old_value: 'new', new_value: 'resolved' },
        { field: 'resolvedAt', old_value: null, new_value: String(now) },
        { field: 'firstResponseAt', old_value: null, new_value: String(now) },
      ]),
    );
    expect((await outboxOf(t, ticket.id)).map((e) => e.event)).toEqual(['ticket.created', 'ticket.status_changed']);
    // Contacts cannot.
    const res = await d.contactShared.client.post('/api/v1/tickets', { ...body, status: 'resolved' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'ticket.field_not_editable', details: { field: 'status' } });
  });

  it('text a channel brings that the databases cannot store is kept with U+FFFD, the raw input beside it', async () => {
    const contact = await makeContact(t, {});
    const title = `nul\u0000 in subject ${Date.now()}`;
    const description = 'lone \uD800 surrogate';
    const created = await createTicket(t.ctx, { actor: onBehalfOf('mail', contact.contactId!), title, description, type: 'incident' });
    const row = await t.ctx.db.selectFrom('tickets').select(['title', 'description', 'raw_input']).where('id', '=', created.access.row.id).executeTakeFirstOrThrow();
    expect(row.title).toBe(title.replace('\u0000', '\uFFFD'));
    expect(row.description).toBe('lone \uFFFD surrogate');
    expect(JSON.parse(row.raw_input!)).toEqual({ title, description, tags: [] });
    // Clean text keeps no raw input.
    const clean = await createTicket(t.ctx, { actor: onBehalfOf('mail', contact.contactId!), ...body });
    expect(clean.access.row.raw_input).toBeNull();
  });

  it('the system itself opens a ticket like the desk, without an owner agent', async () => {
    const created = await createTicket(t.ctx, { actor: systemActor('system'), ...body, requesterContactId: d.contactShared.contactId! });
    expect(created.access.row).toMatchObject({ owner_agent_id: null, owner_group_id: serviceDesk, assignee_group_id: serviceDesk, channel: 'api' });
  });
});
