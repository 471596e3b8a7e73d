import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient } from '../../../test/factories.ts';
import { expectStatus, makeDesk, openTicket, outboxOf, patchCurrent, type Desk } from './tickets.test-kit.ts';
import { file, upload } from './attachments.test-support.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const ticketFor = (contactId: number | undefined) => openTicket(d.analystA.client, contactId ? { requesterContactId: contactId } : {});
const merge = (client: any, sourceId: number, intoTicketId: number) => client.post(`/api/v1/tickets/${sourceId}/merge`, { intoTicketId });
// Without the status changes a reply causes (timeline-story.db.test.ts tells those).
const timeline = async (client: any, id: number) =>
  (expectStatus(await client.get(`/api/v1/tickets/${id}/articles?limit=200`), 200).items as any[]).filter((a) => a.eventType !== 'ticket.status_changed');
const history = (ticketId: number) =>
  t.ctx.db.selectFrom('ticket_history').select(['field', 'old_value', 'new_value', 'actor_user_id']).where('ticket_id', '=', ticketId).orderBy('id').execute();

describe('merging tickets', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it("moves B's articles, attachments and watchers to A, closes B as merged, and records it on both", async () => {
    const a = await ticketFor(d.contactShared.contactId);
    const b = await ticketFor(d.contactPrivate.contactId);
    const aReply = expectStatus(await d.analystA.client.post(`/api/v1/tickets/${a.id}/replies`, { body: 'A: on it' }), 201).article;
    const bReply = expectStatus(await d.contactPrivate.client.post(`/api/v1/tickets/${b.id}/replies`, { body: 'B: my printer too' }), 201).article;
    const bNote = expectStatus(await d.analystA.client.post(`/api/v1/tickets/${b.id}/notes`, { body: 'B: same root cause' }), 201).article;
    const bFile = expectStatus(await upload(d.contactPrivate.client, b.id, [file('b.txt', 'from B', 'text/plain')]), 201).items[0];
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${b.id}/watchers`, { agentId: d.analystB.agentId }), 201);
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${b.id}/watchers`, { contactId: d.colleaguePrivate.contactId }), 201);
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${a.id}/watchers`, { agentId: d.analystB.agentId }), 201);

    t.clock.advance(1000);
    const res = expectStatus(await merge(d.analystA.client, b.id, a.id), 200);
    expect(res).toEqual({
      source: { id: b.id, number: b.number, status: 'closed', mergedIntoId: a.id, version: expect.any(Number) },
      target: { id: a.id, number: a.number, status: a.status === 'new' ? 'open' : a.status, version: expect.any(Number) },
      moved: { articles: 2, attachments: 1, watchers: 2 },
    });

    const bNow = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${b.id}`), 200);
    expect(bNow).toMatchObject({ status: 'closed', mergedInto: { id: a.id, number: a.number }, closedAt: new Date(t.clock.now()).toISOString() });

    const bTimeline = await timeline(d.analystA.client, b.id);
    expect(bTimeline).toEqual([
      expect.objectContaining({
        kind: 'event',
        internal: false,
        eventType: 'ticket.merged_into',
        eventData: { ticketId: a.id, number: a.number },
        author: { userId: d.analystA.userId, name: d.analystA.email, kind: 'system' },
      }),
    ]);
    const aTimeline = await timeline(d.analystA.client, a.id);
    expect(aTimeline.map((x) => [x.id, x.originalTicketId])).toEqual([
      [aReply.id, null],
      [bReply.id, b.id],
      [bNote.id, b.id],
      [expect.any(Number), null],
    ]);
    expect(aTimeline.at(-1)).toMatchObject({ kind: 'event', eventType: 'ticket.merged_from', eventData: { ticketId: b.id, number: b.number } });

    const aFiles = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${a.id}/attachments`), 200).items;
    expect(aFiles.map((f: any) => [f.id, f.ticketId])).toEqual([[bFile.id, a.id]]);
    expect((await d.analystA.client.get(`/api/v1/attachments/${bFile.id}/content`)).body).toBe('from B');

    const aWatchers = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${a.id}/watchers`), 200).items;
    expect(aWatchers.map((w: any) => [w.agentId, w.contactId]).sort()).toEqual(
      [
        [d.analystB.agentId, null],
        [null, d.colleaguePrivate.contactId],
        [null, d.contactPrivate.contactId],
      ].sort(),
    );
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${b.id}/watchers`), 200).items).toEqual([]);

    expect(await history(b.id)).toEqual(
      expect.arrayContaining([
        { field: 'status', old_value: b.status, new_value: 'closed', actor_user_id: d.analystA.userId },
        { field: 'mergedIntoId', old_value: null, new_value: String(a.id), actor_user_id: d.analystA.userId },
      ]),
    );
    expect(await history(a.id)).toEqual(
      expect.arrayContaining([{ field: 'mergedFrom', old_value: null, new_value: String(b.number), actor_user_id: d.analystA.userId }]),
    );
    expect((await outboxOf(t, b.id, 'ticket.merged')).map((e) => e.payload)).toEqual([
      { sourceTicketId: b.id, targetTicketId: a.id, actorUserId: d.analystA.userId },
    ]);
    expect((await outboxOf(t, b.id, 'ticket.status_changed')).at(-1)!.payload).toMatchObject({ from: b.status, to: 'closed' });

    // B's requester now follows A: sees it, and their later replies to B land there.
    expectStatus(await d.contactPrivate.client.get(`/api/v1/tickets/${a.id}`), 200);
    const notes = (await timeline(d.contactPrivate.client, a.id)).map((x) => x.kind);
    expect(notes).not.toContain('note');
  });

  it('anything later addressed to B lands in A: replies, notes and attachments', async () => {
    const a = await ticketFor(d.contactShared.contactId);
    const b = await ticketFor(d.contactShared.contactId);
    expectStatus(await merge(d.analystA.client, b.id, a.id), 200);

    const contactReply = expectStatus(await d.contactShared.client.post(`/api/v1/tickets/${b.id}/replies`, { body: 'to B, by the customer' }), 201);
    expect(contactReply.ticketId).toBe(a.id);
    expect(contactReply.ticketNumber).toBe(a.number);
    expect(contactReply.article.ticketId).toBe(a.id);
    const agentReply = expectStatus(await d.analystA.client.post(`/api/v1/tickets/${b.id}/replies`, { body: 'to B, by the desk' }), 201);
    expect(agentReply.ticketId).toBe(a.id);
    const noteRes = expectStatus(await d.analystA.client.post(`/api/v1/tickets/${b.id}/notes`, { body: 'note to B' }), 201);
    expect(noteRes.ticketId).toBe(a.id);
    const up = expectStatus(await upload(d.contactShared.client, b.id, [file('late.txt', 'late', 'text/plain')]), 201);
    expect(up.ticketId).toBe(a.id);
    expect(up.items[0].ticketId).toBe(a.id);

    expect((await timeline(d.analystA.client, b.id)).map((x) => x.eventType)).toEqual(['ticket.merged_into']);
    const bodies = (await timeline(d.analystA.client, a.id)).map((x) => x.body);
    expect(bodies).toEqual(expect.arrayContaining(['to B, by the customer', 'to B, by the desk', 'note to B']));
    // A stranger still cannot reach A through B.
    expect((await d.contactPrivate.client.post(`/api/v1/tickets/${b.id}/replies`, { body: 'x' })).statusCode).toBe(404);
  });

  it('never chains: tickets merged into B follow B into A', async () => {
    const a = await ticketFor(d.contactShared.contactId);
    const b = await ticketFor(d.contactShared.contactId);
    const c = await ticketFor(d.contactShared.contactId);
    expectStatus(await merge(d.analystA.client, c.id, b.id), 200);
    expectStatus(await merge(d.analystA.client, b.id, a.id), 200);
    const row = await t.ctx.db.selectFrom('tickets').select('merged_into_id').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.merged_into_id).toBe(a.id);
    expect(expectStatus(await d.contactShared.client.post(`/api/v1/tickets/${c.id}/replies`, { body: 'to C' }), 201).ticketId).toBe(a.id);
    const cEvents = (await timeline(d.analystA.client, a.id)).filter((x) => x.kind === 'event').map((x) => [x.eventType, x.originalTicketId]);
    expect(cEvents).toEqual([
      ['ticket.merged_from', b.id],
      ['ticket.merged_from', null],
    ]);
  });

  it('refuses merging into itself, into or from a merged or closed ticket (409), and unknown or foreign targets (422)', async () => {
    const a = await ticketFor(d.contactShared.contactId);
    const b = await ticketFor(d.contactShared.contactId);
    const refused = async (source: number, into: number, status: number, code: string) => {
      const res = await merge(d.analystA.client, source, into);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    };
    await refused(a.id, a.id, 409, 'ticket.invalid_merge');

    const closed = await ticketFor(d.contactShared.contactId);
    expectStatus(await patchCurrent(d.analystA.client, closed.id, { status: 'resolved' }), 200);
    expectStatus(await patchCurrent(d.analystA.client, closed.id, { status: 'closed' }), 200);
    await refused(a.id, closed.id, 409, 'ticket.invalid_merge');
    await refused(closed.id, a.id, 409, 'ticket.invalid_merge');

    expectStatus(await merge(d.analystA.client, b.id, a.id), 200);
    const other = await ticketFor(d.contactShared.contactId);
    await refused(other.id, b.id, 409, 'ticket.invalid_merge');
    await refused(b.id, other.id, 409, 'ticket.invalid_merge');

    await refused(a.id, 99_999_999, 422, 'record.invalid_reference');
    const foreign = await openTicket(d.analystB.client, {});
    await refused(a.id, foreign.id, 422, 'record.invalid_reference');
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${a.id}`), 200).status).not.toBe('closed');
  });

  it('who may merge: whoever works both tickets', async () => {
    const status = async (client: any) => {
      const a = await ticketFor(d.contactShared.contactId);
      const b = await ticketFor(d.contactShared.contactId);
      return (await merge(client, b.id, a.id)).statusCode;
    };
    expect(await status(d.analystA2.client)).toBe(200);
    expect(await status(d.supervisorA.client)).toBe(200);
    expect(await status(d.manager.client)).toBe(200);
    expect(await status(d.crm.client)).toBe(403);
    expect(await status(d.contactShared.client)).toBe(403);
    expect(await status(d.analystB.client)).toBe(404);
    expect(await status(d.adminOnly.client)).toBe(404);
    expect(await status(d.contactPrivate.client)).toBe(404);
    expect(await status(anonymousClient(t.app))).toBe(401);
    // Works the source but cannot see the target: reported like an unknown ticket.
    const mine = await ticketFor(d.contactShared.contactId);
    const theirs = await openTicket(d.analystB.client, {});
    expect((await merge(d.analystB.client, theirs.id, mine.id)).statusCode).toBe(422);
  });
});
