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

/** A ticket of contactShared (a sharing organisation), resolved by analystA. */
async function resolvedTicket(): Promise<any> {
  const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
  return expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
}

describe('lifecycle through the API', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('new → resolved on the spot, resolved → open by an agent, pending_* → open', async () => {
    const ticket = await openTicket(d.analystA.client, { channel: 'phone' });
    const resolved = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    expect(resolved.resolvedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(resolved.abilities).toMatchObject({ confirm: true, reopen: true, escalate: false });
    const reopened = expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200);
    expect(reopened.resolvedAt).toBeNull();
    expect(expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'pending_third_party' }), 200).status).toBe('pending_third_party');
    expect(expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200).status).toBe('open');
    const events = await outboxOf(t, ticket.id, 'ticket.status_changed');
    expect(events.map((e) => [e.payload.from, e.payload.to])).toEqual([
      ['new', 'resolved'],
      ['resolved', 'open'],
      ['open', 'pending_third_party'],
      ['pending_third_party', 'open'],
    ]);
  });

  it('the requester confirms a resolved ticket (cause customer): it closes, and nothing leaves closed', async () => {
    const ticket = await resolvedTicket();
    const portalView = expectStatus(await d.contactShared.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(portalView.abilities).toMatchObject({ confirm: true, reopen: true });
    const closed = expectStatus(await d.contactShared.client.post(`/api/v1/tickets/${ticket.id}/confirm`, {}), 200);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(new Date(t.clock.now()).toISOString());
    const history = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/history`), 200).items;
    expect(history.at(-2)).toMatchObject({ field: 'status', oldValue: 'resolved', newValue: 'closed', actor: { userId: d.contactShared.userId } });
    for (const [who, action] of [
      [d.contactShared, 'confirm'],
      [d.contactShared, 'reopen'],
      [d.analystA, 'reopen'],
      [d.analystA, 'confirm'],
    ] as const) {
      const res = await who.client.post(`/api/v1/tickets/${ticket.id}/${action}`, {});
      expect(res.statusCode, action).toBe(409);
      expect(res.json()).toMatchObject({ code: 'ticket.invalid_transition', details: { from: 'closed' } });
    }
  });

  it('the requester reopens a resolved ticket; an agent confirms one', async () => {
    const a = await resolvedTicket();
    expect(expectStatus(await d.contactShared.client.post(`/api/v1/tickets/${a.id}/reopen`, {}), 200).status).toBe('open');
    const b = await resolvedTicket();
    expect(expectStatus(await d.analystA2.client.post(`/api/v1/tickets/${b.id}/confirm`), 200).status).toBe('closed');
  });

  it('only the requester among contacts; crm 403; other groups 404; not yet resolved 409', async () => {
    const ticket = await resolvedTicket();
    expect((await d.colleagueShared.client.post(`/api/v1/tickets/${ticket.id}/confirm`, {})).statusCode).toBe(403);
    expect((await d.crm.client.post(`/api/v1/tickets/${ticket.id}/reopen`, {})).statusCode).toBe(403);
    expect((await d.analystB.client.post(`/api/v1/tickets/${ticket.id}/confirm`, {})).statusCode).toBe(404);
    expect((await d.contactPrivate.client.post(`/api/v1/tickets/${ticket.id}/confirm`, {})).statusCode).toBe(404);
    const stale = await d.contactShared.client.post(`/api/v1/tickets/${ticket.id}/confirm`, { version: ticket.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    const open = await openTicket(d.contactShared.client);
    const early = await d.contactShared.client.post(`/api/v1/tickets/${open.id}/confirm`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ticket.invalid_transition', details: { from: 'new', to: 'closed' } });
  });
});
