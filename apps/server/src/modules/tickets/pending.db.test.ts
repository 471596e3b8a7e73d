import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

/** What the scheduler does each minute, then everything it caused. */
async function runScheduler() {
  await t.ctx.jobs.tickSchedules();
  for (let i = 0; i < 3; i++) {
    await t.ctx.jobs.drain();
    await t.ctx.events.dispatchPending();
  }
  await t.ctx.jobs.drain();
}

describe('pending-until', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('returns the ticket to open when its date is reached and notifies the assignee, once', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    const until = new Date(t.clock.now() + 3600_000).toISOString();
    const other = await openTicket(d.analystA.client, { assigneeAgentId: d.analystA.agentId });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'pending_customer', pendingUntil: until }), 200);
    expectStatus(await patchCurrent(d.analystA.client, other.id, { status: 'pending_third_party', pendingUntil: new Date(t.clock.now() + 7200_000).toISOString() }), 200);

    t.clock.advance(30 * 60_000);
    await runScheduler();
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200).status).toBe('pending_customer');

    t.clock.advance(31 * 60_000);
    await runScheduler();
    const reopened = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    expect(reopened.status).toBe('open');
    expect(reopened.pendingUntil).toBeNull();
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${other.id}`), 200).status).toBe('pending_third_party');

    const history = await t.ctx.db.selectFrom('ticket_history').select(['field', 'new_value', 'actor_system']).where('ticket_id', '=', ticket.id).where('field', '=', 'status').orderBy('id').execute();
    expect(history.at(-1)).toEqual({ field: 'status', new_value: 'open', actor_system: 'scheduler' });
    const notes = expectStatus(await d.analystA.client.get('/api/v1/me/notifications'), 200);
    expect(notes.items.filter((n: any) => n.ticketId === ticket.id && n.kind === 'ticket.pending_reached')).toHaveLength(1);

    t.clock.advance(60_000);
    await runScheduler();
    const again = expectStatus(await d.analystA.client.get('/api/v1/me/notifications'), 200);
    expect(again.items.filter((n: any) => n.ticketId === ticket.id && n.kind === 'ticket.pending_reached')).toHaveLength(1);
  });
});
