import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, signIn } from '../../../test/factories.ts';
import { insertContactRecord } from '../people/contacts.repository.ts';
import { expectStatus, makeDesk, openTicket, outboxOf, patchCurrent, type Desk } from './tickets.test-kit.ts';
import { file, upload } from './attachments.test-support.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

/** A ticket of group A (owner analystA) asked by contactShared of the sharing organisation. */
const sharedTicket = () => openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
const reply = (client: { post: (u: string, b?: unknown) => any }, id: number, body: unknown) => client.post(`/api/v1/tickets/${id}/replies`, body);
const note = (client: { post: (u: string, b?: unknown) => any }, id: number, body: unknown) => client.post(`/api/v1/tickets/${id}/notes`, body);
// Replies and notes; the system events that tell status changes are timeline-story.db.test.ts's.
const timeline = async (client: { get: (u: string) => any }, id: number) =>
  (expectStatus(await client.get(`/api/v1/tickets/${id}/articles?limit=200`), 200).items as any[]).filter((a) => a.kind !== 'event');
const ticketOf = async (id: number) => expectStatus(await d.analystA.client.get(`/api/v1/tickets/${id}`), 200);

describe('replies', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it("an agent's first reply opens a new ticket and sets first_response_at once", async () => {
    const ticket = await sharedTicket();
    expect(ticket.status).toBe('new');
    t.clock.advance(60_000);
    const first = expectStatus(await reply(d.analystA.client, ticket.id, { body: 'We are on it.' }), 201);
    expect(first).toMatchObject({ ticketId: ticket.id, ticketNumber: ticket.number, ticketStatus: 'open', ticketVersion: ticket.version + 1 });
    expect(first.article).toMatchObject({
      ticketId: ticket.id,
      kind: 'reply',
      internal: false,
      channel: 'agent',
      author: { userId: d.analystA.userId, name: d.analystA.email, kind: 'agent' },
      body: 'We are on it.',
      eventType: null,
      eventData: null,
      attachments: [],
      originalTicketId: null,
      createdAt: new Date(t.clock.now()).toISOString(),
    });
    const firstResponseAt = new Date(t.clock.now()).toISOString();
    expect((await ticketOf(ticket.id)).firstResponseAt).toBe(firstResponseAt);

    t.clock.advance(60_000);
    const second = expectStatus(await reply(d.analystA2.client, ticket.id, { body: 'Still on it.' }), 201);
    expect(second.ticketStatus).toBe('open');
    expect((await ticketOf(ticket.id)).firstResponseAt).toBe(firstResponseAt);

    const history = await t.ctx.db.selectFrom('ticket_history').select(['field', 'old_value', 'new_value']).where('ticket_id', '=', ticket.id).execute();
    expect(history).toEqual(
      expect.arrayContaining([
        { field: 'status', old_value: 'new', new_value: 'open' },
        { field: 'firstResponseAt', old_value: null, new_value: String(Date.parse(firstResponseAt)) },
      ]),
    );
    const events = (await outboxOf(t, ticket.id, 'ticket.article_added')).map((e) => e.payload);
    expect(events).toEqual([
      { ticketId: ticket.id, articleId: first.article.id, kind: 'reply', internal: false, actorUserId: d.analystA.userId },
      { ticketId: ticket.id, articleId: second.article.id, kind: 'reply', internal: false, actorUserId: d.analystA2.userId },
    ]);
  });

  it('an agent reply on an open ticket without a response yet sets first_response_at without a status change', async () => {
    const ticket = await sharedTicket();
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200);
    const res = expectStatus(await reply(d.analystA.client, ticket.id, { body: 'hello' }), 201);
    expect(res.ticketStatus).toBe('open');
    expect((await ticketOf(ticket.id)).firstResponseAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it("a customer's reply is not a first response and leaves a new ticket new", async () => {
    const ticket = await sharedTicket();
    const res = expectStatus(await reply(d.contactShared.client, ticket.id, { body: 'any news?' }), 201);
    expect(res.ticketStatus).toBe('new');
    expect(res.article).toMatchObject({ channel: 'portal', author: { userId: d.contactShared.userId, name: d.contactShared.email, kind: 'contact' } });
    expect((await ticketOf(ticket.id)).firstResponseAt).toBeNull();
  });

  it('a customer reply reopens a ticket pending on the customer, and a resolved one', async () => {
    const pending = await sharedTicket();
    expectStatus(await patchCurrent(d.analystA.client, pending.id, { status: 'pending_customer' }), 200);
    expect(expectStatus(await reply(d.contactShared.client, pending.id, { body: 'here is the log' }), 201).ticketStatus).toBe('open');
    const history = await t.ctx.db
      .selectFrom('ticket_history')
      .select(['field', 'old_value', 'new_value', 'actor_user_id'])
      .where('ticket_id', '=', pending.id)
      .where('field', '=', 'status')
      .orderBy('id')
      .execute();
    expect(history.at(-1)).toEqual({ field: 'status', old_value: 'pending_customer', new_value: 'open', actor_user_id: d.contactShared.userId });

    const resolved = await sharedTicket();
    expectStatus(await patchCurrent(d.analystA.client, resolved.id, { status: 'resolved' }), 200);
    expect(expectStatus(await reply(d.contactShared.client, resolved.id, { body: 'still broken' }), 201).ticketStatus).toBe('open');
    expect((await ticketOf(resolved.id)).resolvedAt).toBeNull();

    const third = await sharedTicket();
    expectStatus(await patchCurrent(d.analystA.client, third.id, { status: 'pending_third_party' }), 200);
    expect(expectStatus(await reply(d.contactShared.client, third.id, { body: 'ping' }), 201).ticketStatus).toBe('pending_third_party');
  });

  it('a customer cannot reply to a closed ticket (409) and nothing is written', async () => {
    const ticket = await sharedTicket();
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'closed' }), 200);
    const before = await timeline(d.analystA.client, ticket.id);
    const res = await reply(d.contactShared.client, ticket.id, { body: 'reopen please' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ticket.closed');
    expect(await timeline(d.analystA.client, ticket.id)).toEqual(before);
    expect((await ticketOf(ticket.id)).status).toBe('closed');
    // Readers who could not reply anyway keep their 403.
    expect((await reply(d.colleagueShared.client, ticket.id, { body: 'x' })).statusCode).toBe(403);
    expect((await reply(d.crm.client, ticket.id, { body: 'x' })).statusCode).toBe(403);
    // The desk cannot send a public reply on a closed ticket either; it stays closed.
    expect((await reply(d.analystA.client, ticket.id, { body: 'for the record' })).statusCode).toBe(409);
    expect((await ticketOf(ticket.id)).status).toBe('closed');
  });

  it('concurrent replies all land, and the ticket opens exactly once', async () => {
    const ticket = await sharedTicket();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => reply(i % 2 ? d.contactShared.client : d.analystA.client, ticket.id, { body: `r${i}` })),
    );
    expect(results.map((r: any) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(await timeline(d.analystA.client, ticket.id)).toHaveLength(8);
    const statusRows = await t.ctx.db.selectFrom('ticket_history').select('new_value').where('ticket_id', '=', ticket.id).where('field', '=', 'status').execute();
    expect(statusRows).toEqual([{ new_value: 'open' }]);
    expect((await ticketOf(ticket.id)).status).toBe('open');
  });

  it('bodies are stored and returned exactly as written, HTML and script included', async () => {
    const ticket = await sharedTicket();
    const body = `<script>alert("x")</script>\n<b onclick='y'>سلام</b>  &amp; \u200c ی ي`;
    const created = expectStatus(await reply(d.contactShared.client, ticket.id, { body }), 201);
    expect(created.article.body).toBe(body);
    const noteBody = '<img src=x onerror=alert(1)>';
    expect(expectStatus(await note(d.analystA.client, ticket.id, { body: noteBody }), 201).article.body).toBe(noteBody);
    const items = await timeline(d.analystA.client, ticket.id);
    expect(items.map((a) => a.body)).toEqual([body, noteBody]);
    const stored = await t.ctx.db.selectFrom('articles').select('body').where('id', '=', created.article.id).executeTakeFirstOrThrow();
    expect(stored.body).toBe(body);
  });

  it('refuses empty, blank, too long and unknown input with 400 and writes nothing', async () => {
    const ticket = await sharedTicket();
    for (const body of [{}, { body: '' }, { body: '   \n ' }, { body: 'x'.repeat(100_001) }, { body: 'ok', extra: 1 }, { body: 'ok', attachmentIds: [0] }]) {
      expect((await reply(d.analystA.client, ticket.id, body)).statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect((await reply(d.analystA.client, ticket.id, { body: 'x'.repeat(100_000) })).statusCode).toBe(201);
    expect(await timeline(d.analystA.client, ticket.id)).toHaveLength(1);
  });

  it('who may reply: the desk that works it and participating customers', async () => {
    const ticket = await sharedTicket();
    const status = async (client: any) => (await reply(client, ticket.id, { body: 'hi' })).statusCode;
    expect(await status(d.analystA.client)).toBe(201);
    expect(await status(d.supervisorA.client)).toBe(201);
    expect(await status(d.manager.client)).toBe(201);
    expect(await status(d.contactShared.client)).toBe(201);
    // Sees the ticket through the organisation, but is not its requester or a watcher.
    expect(await status(d.colleagueShared.client)).toBe(403);
    expect(await status(d.crm.client)).toBe(403);
    expect(await status(d.analystB.client)).toBe(404);
    expect(await status(d.supervisorB.client)).toBe(404);
    expect(await status(d.adminOnly.client)).toBe(404);
    expect(await status(d.contactPrivate.client)).toBe(404);
    expect(await status(anonymousClient(t.app))).toBe(401);
    expect((await reply(d.analystA.client, 99_999_999, { body: 'hi' })).statusCode).toBe(404);
  });
});

describe('internal notes', () => {
  it('only the desk that works a ticket writes notes', async () => {
    const ticket = await sharedTicket();
    const status = async (client: any) => (await note(client, ticket.id, { body: 'internal' })).statusCode;
    expect(await status(d.analystA.client)).toBe(201);
    expect(await status(d.supervisorA.client)).toBe(201);
    expect(await status(d.manager.client)).toBe(201);
    expect(await status(d.crm.client)).toBe(403);
    expect(await status(d.contactShared.client)).toBe(403);
    expect(await status(d.colleagueShared.client)).toBe(403);
    expect(await status(d.analystB.client)).toBe(404);
    expect(await status(d.adminOnly.client)).toBe(404);
    expect(await status(d.contactPrivate.client)).toBe(404);
    expect(await status(anonymousClient(t.app))).toBe(401);
  });

  it('a note changes no status and is no first response', async () => {
    const ticket = await sharedTicket();
    const res = expectStatus(await note(d.analystA.client, ticket.id, { body: 'check the switch' }), 201);
    expect(res).toMatchObject({ ticketStatus: 'new', article: { kind: 'note', internal: true, channel: 'agent', author: { kind: 'agent' } } });
    expect((await ticketOf(ticket.id)).firstResponseAt).toBeNull();
  });

  it('contacts never see notes: not in the timeline, not in the outbox payloads', async () => {
    const ticket = await sharedTicket();
    const secret = `password of the router is hunter2 ${Math.random()}`;
    expectStatus(await reply(d.analystA.client, ticket.id, { body: 'public answer' }), 201);
    const created = expectStatus(await note(d.analystA.client, ticket.id, { body: secret }), 201);
    expect(created.article.body).toBe(secret);
    expectStatus(await reply(d.contactShared.client, ticket.id, { body: 'thanks' }), 201);

    const forDesk = await timeline(d.analystA.client, ticket.id);
    expect(forDesk.map((a) => a.kind)).toEqual(['reply', 'note', 'reply']);
    expect((await timeline(d.crm.client, ticket.id)).map((a) => a.kind)).toEqual(['reply', 'note', 'reply']);
    for (const contact of [d.contactShared, d.colleagueShared]) {
      const items = await timeline(contact.client, ticket.id);
      expect(items.map((a) => a.kind)).toEqual(['reply', 'reply']);
      expect(JSON.stringify(items)).not.toContain(secret);
    }
    const outbox = await t.ctx.db.selectFrom('outbox').select(['event', 'payload']).execute();
    expect(outbox.some((e) => e.payload.includes(secret))).toBe(false);
    const noteEvent = (await outboxOf(t, ticket.id, 'ticket.article_added')).find((e) => e.payload.articleId === created.article.id)!;
    expect(noteEvent.payload).toEqual({ ticketId: ticket.id, articleId: created.article.id, kind: 'note', internal: true, actorUserId: d.analystA.userId });
  });

  it("a person who is agent and contact sees notes only on tickets the desk side works", async () => {
    const contactId = await insertContactRecord(t.ctx.db, {
      userId: d.analystB.userId,
      name: 'Analyst B as a customer',
      organizationId: null,
      language: 'en',
      emails: [`customer-${d.analystB.email}`],
      phones: [],
      now: t.clock.now(),
    });
    const both = { contactId };
    // analystB works group B; as a contact they asked a group A ticket.
    const ticket = await openTicket(d.analystA.client, { requesterContactId: both.contactId });
    expectStatus(await note(d.analystA.client, ticket.id, { body: 'about the requester' }), 201);
    const client = await signIn(t.app, d.analystB.email);
    const items = await timeline(client, ticket.id);
    expect(items.map((a) => a.kind)).toEqual([]);
    const res = expectStatus(await reply(client, ticket.id, { body: 'as a customer' }), 201);
    expect(res.article.channel).toBe('portal');
    expect(res.article.author.kind).toBe('contact');
  });
});

describe('the timeline', () => {
  it('pages oldest first with an opaque cursor, and refuses a forged cursor', async () => {
    const ticket = await sharedTicket();
    for (let i = 0; i < 5; i++) expectStatus(await reply(d.analystA.client, ticket.id, { body: `r${i}` }), 201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.filter((a: any) => a.kind !== 'event').map((a: any) => a.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    for (const bad of ['nope', Buffer.from('["x"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect((await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/articles?cursor=${bad}`)).statusCode).toBe(400);
    }
  });

  it('who may read it', async () => {
    const ticket = await sharedTicket();
    const status = async (client: any) => (await client.get(`/api/v1/tickets/${ticket.id}/articles`)).statusCode;
    for (const m of [d.analystA, d.analystA2, d.supervisorA, d.manager, d.crm, d.contactShared, d.colleagueShared]) expect(await status(m.client)).toBe(200);
    for (const m of [d.analystB, d.supervisorB, d.adminOnly, d.contactPrivate]) expect(await status(m.client)).toBe(404);
    expect(await status(anonymousClient(t.app))).toBe(401);
  });

  it('replies and notes carry the uploads named in attachmentIds; a note makes its files internal', async () => {
    const ticket = await sharedTicket();
    const up = async (client: any, name: string) => expectStatus(await upload(client, ticket.id, [file(name, `bytes of ${name}`, 'text/plain')]), 201).items[0];
    const forReply = await up(d.analystA.client, 'reply.txt');
    const forNote = await up(d.analystA.client, 'note.txt');
    const contactFile = await up(d.contactShared.client, 'mine.txt');

    // Someone else's upload, an unknown id, or one already used: 422 and nothing written.
    for (const ids of [[contactFile.id], [99_999_999], [forReply.id, contactFile.id]]) {
      const res = await reply(d.analystA.client, ticket.id, { body: 'x', attachmentIds: ids });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'attachmentIds' } });
    }
    expect(await timeline(d.analystA.client, ticket.id)).toEqual([]);

    const r = expectStatus(await reply(d.analystA.client, ticket.id, { body: 'see file', attachmentIds: [forReply.id] }), 201);
    expect(r.article.attachments).toEqual([{ id: forReply.id, filename: 'reply.txt', contentType: 'text/plain', size: forReply.size }]);
    expect((await reply(d.analystA.client, ticket.id, { body: 'again', attachmentIds: [forReply.id] })).statusCode).toBe(422);

    const n = expectStatus(await note(d.analystA.client, ticket.id, { body: 'see file', attachmentIds: [forNote.id] }), 201);
    expect(n.article.attachments.map((a: any) => a.id)).toEqual([forNote.id]);
    const contactView = await d.contactShared.client.get(`/api/v1/tickets/${ticket.id}/attachments`);
    expect(contactView.json().items.map((a: any) => a.id)).toEqual([forReply.id, contactFile.id]);
    expect((await d.contactShared.client.get(`/api/v1/attachments/${forNote.id}/content`)).statusCode).toBe(404);

    const c = expectStatus(await reply(d.contactShared.client, ticket.id, { body: 'mine', attachmentIds: [contactFile.id] }), 201);
    expect(c.article.attachments.map((a: any) => a.id)).toEqual([contactFile.id]);
  });

  it('a public reply may not carry an internal upload', async () => {
    const ticket = await sharedTicket();
    const internal = expectStatus(await upload(d.analystA.client, ticket.id, [{ name: 'internal', data: 'true' }, file('x.txt', 'x', 'text/plain')]), 201).items[0];
    expect(internal.internal).toBe(true);
    expect((await reply(d.analystA.client, ticket.id, { body: 'x', attachmentIds: [internal.id] })).statusCode).toBe(422);
    expect((await note(d.analystA.client, ticket.id, { body: 'x', attachmentIds: [internal.id] })).statusCode).toBe(201);
  });
});
