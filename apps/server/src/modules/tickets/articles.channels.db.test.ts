import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { onBehalfOf } from '../../platform/actor.ts';
import { insertContactRecord } from '../people/contacts.repository.ts';
import { appendArticle } from './index.ts';
import { expectStatus, deskTestApp, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

/** appendArticle as a channel calls it: no route in front, a system actor on behalf of a contact. */

let t: TestApp;
let d: Desk;
/** A customer known by email only: no sign-in behind the contact. */
let mailOnly: number;
beforeAll(async () => {
  ({ t, d } = await deskTestApp());
  mailOnly = await insertContactRecord(t.ctx.db, {
    userId: null,
    name: 'Mail-only customer',
    organizationId: null,
    language: 'fa',
    emails: ['mail-only@example.com'],
    phones: [],
    now: t.clock.now(),
  });
});
afterAll(() => t.destroy());

// Replies and notes; the system events that tell status changes are timeline-story.db.test.ts's.
const articleRows = (ticketId: number) => t.ctx.db.selectFrom('articles').selectAll().where('ticket_id', '=', ticketId).where('kind', '!=', 'event').orderBy('id').execute();
const outboxCount = async () => (await t.ctx.db.selectFrom('outbox').select('id').execute()).length;
const mailReply = (contactId: number, ticketId: number, body: string, idempotencyKey?: string) =>
  appendArticle(t.ctx, { actor: onBehalfOf('mail', contactId), ticketId, kind: 'reply', body, idempotencyKey });

describe('appendArticle from a channel', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('mail on behalf of the requester appends a customer reply: author side contact, channel email, no sign-in', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: mailOnly });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'pending_customer' }), 200);
    const result = await mailReply(mailOnly, ticket.id, 'Here is the screenshot.');
    expect(result.replayed).toBe(false);
    expect(result.ticket).toMatchObject({ id: ticket.id, status: 'open' });
    const [row] = await articleRows(ticket.id);
    expect(row).toMatchObject({
      id: result.article.row.id,
      kind: 'reply',
      internal: 0,
      channel: 'email',
      author_kind: 'contact',
      author_user_id: null,
      author_system: 'mail',
      author_contact_id: mailOnly,
      body: 'Here is the screenshot.',
      raw_body: null,
    });
    const [article] = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/articles`), 200).items.filter((a: any) => a.kind !== 'event');
    expect(article).toMatchObject({ channel: 'email', author: { userId: null, contactId: mailOnly, name: 'Mail-only customer', kind: 'contact' } });
    const status = await t.ctx.db.selectFrom('ticket_history').select(['new_value', 'actor_user_id']).where('ticket_id', '=', ticket.id).where('field', '=', 'status').orderBy('id').execute();
    expect(status.at(-1)).toEqual({ new_value: 'open', actor_user_id: null });
  });

  it('on behalf of a contact who is a stranger to the ticket: 404 and nothing is written', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const outbox = await outboxCount();
    // colleaguePrivate's organisation does not share; mailOnly has none; contactPrivate is another organisation's.
    for (const stranger of [d.contactPrivate.contactId!, d.colleaguePrivate.contactId!, mailOnly]) {
      await expect(mailReply(stranger, ticket.id, 'let me in')).rejects.toMatchObject({ code: 'record.not_found' });
      await expect(appendArticle(t.ctx, { actor: onBehalfOf('sms', stranger), ticketId: ticket.id, kind: 'note', body: 'x' })).rejects.toMatchObject({ code: 'record.not_found' });
    }
    expect(await articleRows(ticket.id)).toEqual([]);
    expect(await outboxCount()).toBe(outbox);
  });

  it('a channel on behalf of a contact writes no internal note (403)', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    await expect(appendArticle(t.ctx, { actor: onBehalfOf('mail', d.contactShared.contactId!), ticketId: ticket.id, kind: 'note', body: 'x' })).rejects.toMatchObject({
      code: 'access.forbidden',
    });
    expect(await articleRows(ticket.id)).toEqual([]);
  });

  it('a repeat with the same key returns the first article and writes nothing', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: mailOnly });
    const first = await mailReply(mailOnly, ticket.id, 'first delivery', '<msg-1@example.com>');
    const outbox = await outboxCount();
    const again = await mailReply(mailOnly, ticket.id, 'first delivery', '<msg-1@example.com>');
    expect(again.replayed).toBe(true);
    expect(again.article.row.id).toBe(first.article.row.id);
    expect(again.ticket.version).toBe(first.ticket.version);
    expect(await articleRows(ticket.id)).toHaveLength(1);
    expect(await outboxCount()).toBe(outbox);
    // Another channel's key space is its own.
    const sms = await appendArticle(t.ctx, { actor: onBehalfOf('sms', mailOnly), ticketId: ticket.id, kind: 'reply', body: 'by sms', idempotencyKey: '<msg-1@example.com>' });
    expect(sms.replayed).toBe(false);
    expect(await articleRows(ticket.id)).toHaveLength(2);
  });

  it('a closed ticket takes no reply from a channel either (409 ticket.closed)', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: mailOnly });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'closed' }), 200);
    await expect(mailReply(mailOnly, ticket.id, 'reopen please')).rejects.toMatchObject({ code: 'ticket.closed' });
    expect(await articleRows(ticket.id)).toEqual([]);
    // The desk's internal note stays allowed on a closed ticket.
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'for the record' }), 201);
  });

  it('text the databases cannot store is kept with U+FFFD, and the raw body beside it', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: mailOnly });
    const raw = 'null \u0000 byte and a lone \uD800 surrogate';
    const result = await mailReply(mailOnly, ticket.id, raw);
    expect(result.article.row.body).toBe('null \uFFFD byte and a lone \uFFFD surrogate');
    const [row] = await articleRows(ticket.id);
    expect(row!.body).toBe('null \uFFFD byte and a lone \uFFFD surrogate');
    expect(JSON.parse(row!.raw_body!)).toBe(raw);
  });
});

describe('the reply and note routes on the same command', () => {
  it('a reply with a NUL is 400 request.unstorable_text and writes nothing', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const res = await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.unstorable_text');
    expect(await articleRows(ticket.id)).toEqual([]);
  });

  it('an Idempotency-Key header makes a retried POST return the first article', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const post = (headers: Record<string, string>, kind = 'replies') =>
      d.analystA.client.request({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/${kind}`, payload: { body: 'once' }, headers });
    const first = expectStatus(await post({ 'idempotency-key': 'k-1' }), 201);
    const again = expectStatus(await post({ 'idempotency-key': 'k-1' }), 201);
    expect(again).toEqual(first);
    expect(await articleRows(ticket.id)).toHaveLength(1);
    // Keys are per user: another agent's same key is a new reply.
    expectStatus(await d.analystA2.client.request({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, payload: { body: 'twice' }, headers: { 'idempotency-key': 'k-1' } }), 201);
    expect(await articleRows(ticket.id)).toHaveLength(2);
    expect((await post({ 'idempotency-key': 'x'.repeat(201) }, 'notes')).statusCode).toBe(400);
    expect((await post({ 'idempotency-key': '' }, 'notes')).statusCode).toBe(400);
    expect(await articleRows(ticket.id)).toHaveLength(2);
  });
});
