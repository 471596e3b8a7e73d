import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient } from '../../../test/factories.ts';
import { holdAt } from '../../platform/testing/faults.ts';
import { expectStatus, makeDesk, openTicket, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const groupATicket = (contactId = d.contactShared.contactId) => openTicket(d.analystA.client, { requesterContactId: contactId, title: `A ${Math.random()}` });
const relate = (client: any, id: number, kind: string, targetTicketId: number) => client.post(`/api/v1/tickets/${id}/relations`, { kind, targetTicketId });
const relations = async (client: any, id: number) => expectStatus(await client.get(`/api/v1/tickets/${id}/relations`), 200).items as any[];
const refusedWith = async (res: any, status: number, code: string, reason?: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code).toBe(code);
  if (reason) expect(res.json().details.reason).toBe(reason);
};

describe('relations', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('relates two tickets and shows the relation from both sides', async () => {
    const a = await groupATicket();
    const b = await groupATicket();
    const created = expectStatus(await relate(d.analystA.client, a.id, 'follow_up_of', b.id), 201);
    expect(created).toEqual({
      id: expect.any(Number),
      kind: 'follow_up_of',
      direction: 'outgoing',
      ticket: { id: b.id, number: b.number, title: b.title, status: 'new' },
      createdAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await relations(d.analystA.client, a.id)).toEqual([created]);
    expect(await relations(d.analystA.client, b.id)).toEqual([{ ...created, direction: 'incoming', ticket: { id: a.id, number: a.number, title: a.title, status: 'new' } }]);
    // Another kind between the same pair is a different fact.
    expectStatus(await relate(d.analystA.client, b.id, 'related', a.id), 201);
    expect((await relations(d.analystA.client, a.id)).map((r) => r.kind)).toEqual(['follow_up_of', 'related']);
  });

  it('refuses self-relations and duplicates in either direction (409 ticket.invalid_relation)', async () => {
    const a = await groupATicket();
    const b = await groupATicket();
    await refusedWith(await relate(d.analystA.client, a.id, 'related', a.id), 409, 'ticket.invalid_relation', 'self');
    expectStatus(await relate(d.analystA.client, a.id, 'related', b.id), 201);
    await refusedWith(await relate(d.analystA.client, a.id, 'related', b.id), 409, 'ticket.invalid_relation', 'exists');
    await refusedWith(await relate(d.analystA.client, b.id, 'related', a.id), 409, 'ticket.invalid_relation', 'exists');
    expectStatus(await relate(d.analystA.client, a.id, 'duplicate_of', b.id), 201);
    await refusedWith(await relate(d.analystA.client, b.id, 'duplicate_of', a.id), 409, 'ticket.invalid_relation', 'exists');
    expect(await relations(d.analystA.client, a.id)).toHaveLength(2);
  });

  it('keeps parent/child a tree: one parent per child, no cycles', async () => {
    const [p, c, g, other] = [await groupATicket(), await groupATicket(), await groupATicket(), await groupATicket()];
    expectStatus(await relate(d.analystA.client, p.id, 'parent_child', c.id), 201);
    expectStatus(await relate(d.analystA.client, c.id, 'parent_child', g.id), 201);
    await refusedWith(await relate(d.analystA.client, other.id, 'parent_child', c.id), 409, 'ticket.invalid_relation', 'second_parent');
    await refusedWith(await relate(d.analystA.client, c.id, 'parent_child', p.id), 409, 'ticket.invalid_relation');
    await refusedWith(await relate(d.analystA.client, g.id, 'parent_child', p.id), 409, 'ticket.invalid_relation', 'cycle');
    // A parent may have several children.
    expectStatus(await relate(d.analystA.client, p.id, 'parent_child', other.id), 201);
    expect((await relations(d.analystA.client, p.id)).map((r) => [r.direction, r.ticket.id])).toEqual([
      ['outgoing', c.id],
      ['outgoing', other.id],
    ]);
  });

  it('needs a target the caller can see and work (unknown or invisible: 422, without saying which)', async () => {
    const a = await groupATicket();
    const foreign = await openTicket(d.analystB.client, {});
    const invisible = await relate(d.analystA.client, a.id, 'related', foreign.id);
    const unknown = await relate(d.analystA.client, a.id, 'related', 99_999_999);
    await refusedWith(invisible, 422, 'record.invalid_reference');
    expect(invisible.json()).toEqual(unknown.json());
    // The manager works both and may relate them.
    expectStatus(await relate(d.manager.client, a.id, 'related', foreign.id), 201);
  });

  it('lists only relations whose other ticket the reader may see', async () => {
    const a = await groupATicket(d.contactShared.contactId);
    const sameGroupOtherCustomer = await groupATicket(d.contactPrivate.contactId);
    const foreign = await openTicket(d.analystB.client, {});
    expectStatus(await relate(d.analystA.client, a.id, 'related', sameGroupOtherCustomer.id), 201);
    expectStatus(await relate(d.manager.client, a.id, 'parent_child', foreign.id), 201);
    expect((await relations(d.manager.client, a.id)).map((r) => r.ticket.id)).toEqual([sameGroupOtherCustomer.id, foreign.id]);
    expect((await relations(d.analystA.client, a.id)).map((r) => r.ticket.id)).toEqual([sameGroupOtherCustomer.id]);
    expect(await relations(d.contactShared.client, a.id)).toEqual([]);
    expect((await relations(d.analystB.client, foreign.id)).map((r) => r.ticket.id)).toEqual([]);
  });

  it('removes a relation through either ticket; not one it cannot see', async () => {
    const a = await groupATicket();
    const b = await groupATicket();
    const foreign = await openTicket(d.analystB.client, {});
    const rel = expectStatus(await relate(d.analystA.client, a.id, 'related', b.id), 201);
    const hidden = expectStatus(await relate(d.manager.client, a.id, 'related', foreign.id), 201);
    const del = (client: any, ticketId: number, relationId: number) => client.delete(`/api/v1/tickets/${ticketId}/relations/${relationId}`);

    expect((await del(d.analystA.client, a.id, hidden.id)).statusCode).toBe(404);
    expect((await del(d.analystA.client, a.id, 99_999_999)).statusCode).toBe(404);
    const unrelated = await groupATicket();
    expect((await del(d.analystA.client, unrelated.id, rel.id)).statusCode).toBe(404);
    expect((await del(d.contactShared.client, a.id, rel.id)).statusCode).toBe(403);
    expect((await del(d.crm.client, a.id, rel.id)).statusCode).toBe(403);
    expect((await del(anonymousClient(t.app), a.id, rel.id)).statusCode).toBe(401);
    expect((await del(d.analystA2.client, b.id, rel.id)).statusCode).toBe(204);
    expect((await relations(d.manager.client, a.id)).map((r) => r.id)).toEqual([hidden.id]);
  });

  it('who may relate: whoever works both tickets', async () => {
    const a = await groupATicket();
    const b = await groupATicket();
    const status = async (client: any, kind: string) => (await relate(client, a.id, kind, b.id)).statusCode;
    expect(await status(d.analystA2.client, 'related')).toBe(201);
    expect(await status(d.supervisorA.client, 'follow_up_of')).toBe(201);
    expect(await status(d.manager.client, 'duplicate_of')).toBe(201);
    expect(await status(d.crm.client, 'parent_child')).toBe(403);
    expect(await status(d.contactShared.client, 'parent_child')).toBe(403);
    for (const m of [d.analystB, d.supervisorB, d.adminOnly, d.contactPrivate]) {
      expect(await status(m.client, 'parent_child')).toBe(404);
      expect((await m.client.get(`/api/v1/tickets/${a.id}/relations`)).statusCode).toBe(404);
    }
    expect(await status(anonymousClient(t.app), 'parent_child')).toBe(401);
    expect((await d.crm.client.get(`/api/v1/tickets/${a.id}/relations`)).statusCode).toBe(200);
    expect((await relate(d.analystA.client, a.id, 'blocks', b.id)).statusCode).toBe(400);
  });

  it('refuses relations with a merged ticket', async () => {
    const a = await groupATicket();
    const b = await groupATicket();
    const c = await groupATicket();
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${b.id}/merge`, { intoTicketId: a.id }), 200);
    await refusedWith(await relate(d.analystA.client, c.id, 'related', b.id), 409, 'ticket.invalid_relation', 'merged');
  });
});

describe('concurrent parent/child links', () => {
  // The first link pauses after its checks; the second runs meanwhile. Without the row locks the
  // second passes its checks too and both commit (two parents, or a two-ticket cycle), every time.
  // On SQLite the single writer already serialises them; the test holds there as well.
  async function race(first: () => Promise<any>, second: () => Promise<any>) {
    const hold = holdAt('tickets.relate.after_check');
    const one = first();
    await hold.reached;
    const two = second();
    // The second either finishes (no lock: it did not wait) or stays blocked on the lock.
    await Promise.race([two, new Promise((resolve) => setTimeout(resolve, 300))]);
    hold.release();
    return [await one, await two].map((res) => res.statusCode);
  }

  it('cannot give a child two parents', async () => {
    const [p1, p2, child] = [await groupATicket(), await groupATicket(), await groupATicket()];
    const codes = await race(
      () => relate(d.analystA.client, p1.id, 'parent_child', child.id),
      () => relate(d.analystA.client, p2.id, 'parent_child', child.id),
    );
    expect(codes).toEqual([201, 409]);
    expect((await relations(d.analystA.client, child.id)).map((r) => [r.direction, r.ticket.id])).toEqual([['incoming', p1.id]]);
  });

  it('cannot close a cycle between two tickets', async () => {
    const [a, b] = [await groupATicket(), await groupATicket()];
    const codes = await race(
      () => relate(d.analystA.client, a.id, 'parent_child', b.id),
      () => relate(d.analystA.client, b.id, 'parent_child', a.id),
    );
    expect(codes).toEqual([201, 409]);
    expect(await relations(d.analystA.client, a.id)).toHaveLength(1);
  });

  it('cannot close a longer cycle through two links that share no ticket', async () => {
    const [a, b, c, dd] = [await groupATicket(), await groupATicket(), await groupATicket(), await groupATicket()];
    expectStatus(await relate(d.analystA.client, b.id, 'parent_child', c.id), 201);
    expectStatus(await relate(d.analystA.client, dd.id, 'parent_child', a.id), 201);
    // a → b → c and c → d → a: each alone is fine, together a cycle of four.
    const codes = await race(
      () => relate(d.analystA.client, a.id, 'parent_child', b.id),
      () => relate(d.analystA.client, c.id, 'parent_child', dd.id),
    );
    expect(codes).toEqual([201, 409]);
  });
});
