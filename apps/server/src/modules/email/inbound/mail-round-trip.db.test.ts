import { createHash, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAdmin, makeAgent, signIn, type Client } from '../../../../test/factories.ts';
import type { TestApp } from '../../../../test/harness.ts';
import { startSink, type Sink } from '../../../../test/smtp-sink.ts';
import { ticketSettings } from '../../tickets/index.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

/**
 * Mail in and mail out together, with real servers: customers write through the SMTP receiver
 * (nodemailer), the desk's mail is caught by an SMTP sink, and the customers' clients answer it.
 */
let t: TestApp;
let admin: Client;
let agent: Client;
let smtp: SmtpReceiver;
let sink: Sink;

beforeAll(async () => {
  ({ t, admin } = await appWithAdmin());
  smtp = await startSmtpReceiver(t.ctx, { port: 0, host: '127.0.0.1', relayFrom: ['127.0.0.1', '::1'] });
  sink = await startSink();
  expect((await admin.put('/api/v1/admin/email/default-relay', { relay: { host: '127.0.0.1', port: sink.port, security: 'none' } })).statusCode).toBe(200);
  const desk = await t.ctx.db.selectFrom('mailboxes').select('group_id').where('address_key', '=', 'support@localhost').executeTakeFirstOrThrow();
  agent = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [desk.group_id] })).email);
});
afterAll(async () => {
  await smtp?.close();
  await sink?.close();
  await t?.destroy();
});

const client = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
const rowOf = (messageId: string) => t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
const ticketOf = (id: number) => t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mailsTo = (address: string) => sink.caught.filter((c) => c.envelope.to.includes(address));
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const tag = () => randomBytes(3).toString('hex');
async function deliver(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await t.ctx.events.dispatchPending();
    await t.ctx.jobs.drain();
  }
}

describe('mail round trip', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it("a reply goes to the requester and the Cc's of the latest customer mail, In-Reply-To it; the customer's client answers and it threads back", async () => {
    const sara = `sara-${tag()}@customer.example`;
    const reza = `reza-${tag()}@customer.example`;
    const first = await client().sendMail({ from: `Sara <${sara}>`, to: 'support@localhost', cc: `Reza <${reza}>`, subject: 'ایمیل سازمانی باز نمی‌شود', text: 'از صبح نمی‌توانم وارد شوم.' });
    const ticketId = (await rowOf(first.messageId)).ticket_id!;
    expect((await rowOf(first.messageId)).cc_json).toContain(reza);
    await deliver();

    expect((await agent.post(`/api/v1/tickets/${ticketId}/replies`, { body: 'گذرواژه را بازنشانی کردیم.' })).statusCode).toBe(201);
    await deliver();
    const reply = mailsTo(sara).find((c) => c.mail.text?.includes('بازنشانی'))!;
    expect(reply, 'the reply reached the requester').toBeDefined();
    expect(reply.envelope.to.sort()).toEqual([sara, reza].sort());
    expect(reply.mail.cc).toMatchObject({ value: [{ address: reza }] });
    expect(reply.mail.inReplyTo).toBe(first.messageId);
    expect(String(reply.mail.references)).toContain(first.messageId);

    // Sara's client answers our mail: In-Reply-To / References name it; the subject carries no tag.
    const references = [...(Array.isArray(reply.mail.references) ? reply.mail.references : [reply.mail.references ?? '']), reply.mail.messageId!].filter(Boolean);
    const answer = await client().sendMail({ from: sara, to: 'support@localhost', subject: 'Re: ایمیل', inReplyTo: reply.mail.messageId, references, text: 'درست شد، ممنون.\n\nOn Wed, Desk wrote:\n> گذرواژه را بازنشانی کردیم.' });
    expect(await rowOf(answer.messageId)).toMatchObject({ state: 'article', ticket_id: ticketId });
    const article = await t.ctx.db.selectFrom('articles').selectAll().where('ticket_id', '=', ticketId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(article).toMatchObject({ body: 'درست شد، ممنون.', channel: 'email', author_kind: 'contact' });

    // The next reply answers Sara's latest mail (now without Reza: her answer had no Cc).
    await agent.post(`/api/v1/tickets/${ticketId}/replies`, { body: 'خواهش می‌کنم.' });
    await deliver();
    const next = mailsTo(sara).find((c) => c.mail.text?.includes('خواهش'))!;
    expect(next.mail.inReplyTo).toBe(answer.messageId);
    expect(next.envelope.to).toEqual([sara]);
  });

  it("a vendor's answer to a third-party message lands as an internal note on that ticket, and reopens it from pending_third_party", async () => {
    const customer = `c-${tag()}@customer.example`;
    const first = await client().sendMail({ from: customer, to: 'support@localhost', subject: 'Laptop battery', text: 'It swells.' });
    const ticketId = (await rowOf(first.messageId)).ticket_id!;
    const vendor = `parts-${tag()}@supplier.example`;
    expect((await agent.post(`/api/v1/tickets/${ticketId}/email/third-party`, { to: [vendor], body: 'Do you have a battery for model X?' })).statusCode).toBe(201);
    await deliver();
    const waiting = (await agent.get(`/api/v1/tickets/${ticketId}`)).json() as { version: number };
    expect((await agent.patch(`/api/v1/tickets/${ticketId}`, { version: waiting.version, status: 'pending_third_party' })).statusCode).toBe(200);
    const asked = mailsTo(vendor).at(-1)!;
    const answer = await client().sendMail({ from: vendor, to: 'support@localhost', subject: `Re: ${asked.mail.subject}`, inReplyTo: asked.mail.messageId, references: asked.mail.messageId, text: 'Yes, in stock: 2 days.' });
    const row = await rowOf(answer.messageId);
    expect(row).toMatchObject({ state: 'article', ticket_id: ticketId });
    expect(JSON.parse(row.flags)).toContain('third_party_answer');
    const note = await t.ctx.db.selectFrom('articles').selectAll().where('id', '=', row.article_id!).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ kind: 'note', internal: 1, channel: 'email' });
    expect(note.body).toContain('in stock');
    // The answer the desk waited for puts the ticket back to work, recorded as the mail system's doing.
    const ticket = (await agent.get(`/api/v1/tickets/${ticketId}`)).json() as { status: string };
    expect(ticket.status).toBe('open');
    const history = (await agent.get(`/api/v1/tickets/${ticketId}/history`)).json() as { items: Array<{ field: string; oldValue: string; newValue: string; actor: { system: string | null } }> };
    expect(history.items).toContainEqual(expect.objectContaining({ field: 'status', oldValue: 'pending_third_party', newValue: 'open', actor: expect.objectContaining({ system: 'mail' }) }));
    // The customer sees none of it.
    expect((await t.ctx.db.selectFrom('tickets').select('id').where('title', 'like', 'Re: %Do you have%').execute())).toHaveLength(0);
  });

  it('mail for a closed ticket reopens it within tickets.reopen_closed_within_days, and later opens a linked follow-up', async () => {
    await ticketSettings.set(t.ctx.db, 'tickets.reopen_closed_within_days', 7, t.clock.now());
    const customer = `closed-${tag()}@customer.example`;
    const first = await client().sendMail({ from: customer, to: 'support@localhost', subject: 'Monitor flickers', text: 'Flicker.' });
    const ticketId = (await rowOf(first.messageId)).ticket_id!;
    const close = () => t.ctx.db.updateTable('tickets').set({ status: 'closed', closed_at: t.clock.now() }).where('id', '=', ticketId).execute();
    await close();
    t.clock.advance(3 * 24 * 3600_000);
    const again = await client().sendMail({ from: customer, to: 'support@localhost', subject: 'Re: Monitor flickers', inReplyTo: first.messageId, references: first.messageId, text: 'It is back.' });
    const reopened = await rowOf(again.messageId);
    expect(reopened).toMatchObject({ state: 'article', ticket_id: ticketId });
    expect(JSON.parse(reopened.flags)).toContain('reopened');
    expect(await ticketOf(ticketId)).toMatchObject({ status: 'open', closed_at: null });

    await close();
    t.clock.advance(8 * 24 * 3600_000);
    const late = await client().sendMail({ from: customer, to: 'support@localhost', subject: 'Re: Monitor flickers', inReplyTo: again.messageId, references: [first.messageId, again.messageId], text: 'Once more.' });
    const followUp = await rowOf(late.messageId);
    expect(followUp.state).toBe('ticket');
    expect(followUp.ticket_id).not.toBe(ticketId);
    expect(JSON.parse(followUp.flags)).toContain('follow_up');
    expect((await ticketOf(ticketId)).status).toBe('closed');
    const link = await t.ctx.db.selectFrom('ticket_relations').selectAll().where('source_ticket_id', '=', followUp.ticket_id!).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ target_ticket_id: ticketId, kind: 'follow_up_of' });
    await ticketSettings.set(t.ctx.db, 'tickets.reopen_closed_within_days', 0, t.clock.now());
  });

  it('cid: images show inline through the attachment content route; the raw message downloads for the desk only', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), randomBytes(64)]);
    const customer = `inline-${tag()}@customer.example`;
    const sent = await client().sendMail({
      from: customer,
      to: 'support@localhost',
      subject: 'Screenshot',
      html: '<p>See the error:</p><img src="cid:shot-1@customer.example" alt="error"><img src="https://tracker.example/p.gif">',
      attachments: [{ filename: 'shot.png', content: png, cid: 'shot-1@customer.example', contentType: 'image/png' }],
    });
    const row = await rowOf(sent.messageId);
    const inbound = await agent.get(`/api/v1/tickets/${row.ticket_id}/email/inbound`);
    expect(inbound.statusCode, inbound.body).toBe(200);
    const [mail] = inbound.json().items as Array<{ html: string; rawUrl: string }>;
    const src = /<img[^>]*src="(\/api\/v1\/attachments\/(\d+)\/content)"/.exec(mail!.html);
    expect(src, mail!.html).not.toBeNull();
    expect(mail!.html).not.toContain('tracker.example');
    expect(mail!.html).not.toContain('cid:');
    const image = await agent.request({ method: 'GET', url: src![1]! });
    expect(image.statusCode).toBe(200);
    expect(md5(image.rawPayload)).toBe(md5(png));

    const raw = await agent.request({ method: 'GET', url: mail!.rawUrl });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.rawPayload.length).toBe(row.raw_size);
    expect(createHash('sha256').update(raw.rawPayload).digest('hex')).toBe(row.raw_sha256);
  });
});
