import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { makeAgent, signIn, type Client } from '../../../../test/factories.ts';
import { emailSettings } from '../email.settings.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

/** Unknown senders held for review: nothing lands until an admin or supervisor accepts or rejects, and nothing is lost. */
describe('held mail review', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let supervisor: Client;
  let admin: Client;
  let analyst: Client;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpReceiver(t.ctx, { port: 0, host: '127.0.0.1', relayFrom: ['127.0.0.1', '::1'] });
    await emailSettings.set(t.ctx.db, 'email.unknown_senders', 'hold', t.clock.now());
    supervisor = await signIn(t.app, (await makeAgent(t, { roles: ['supervisor'] })).email);
    admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
    analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.destroy();
  });

  const send = (from: string, subject: string, text: string) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }).sendMail({ from, to: 'support@localhost', subject, text });
  const rowOf = (messageId: string) => t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
  const contactsWith = (address: string) => t.ctx.db.selectFrom('contact_emails').select('contact_id').where('email_normalized', '=', address).execute();

  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('a stranger\'s mail is held (no contact, no ticket); the review lists and shows it, the raw message downloads byte for byte', async () => {
    const info = await send('Nima <nima@stranger.example>', 'لپ‌تاپ جدید', 'سلام، یک لپ‌تاپ لازم دارم.<script>x</script>');
    const row = await rowOf(info.messageId);
    expect(row).toMatchObject({ state: 'held', ticket_id: null, contact_id: null, decided_at: null });
    expect(await contactsWith('nima@stranger.example')).toHaveLength(0);

    const list = await supervisor.get('/api/v1/admin/email/held');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toContainEqual(expect.objectContaining({ id: row.id, from: 'nima@stranger.example', subject: 'لپ‌تاپ جدید' }));
    expect((await analyst.get('/api/v1/admin/email/held')).statusCode).toBe(403);

    const shown = await supervisor.get(`/api/v1/admin/email/held/${row.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ state: 'held', body: expect.stringContaining('یک لپ‌تاپ لازم دارم'), rawUrl: `/api/v1/email/inbound/${row.id}/raw` });
    // Text, never markup: the body is the mail's text as it came, not HTML to render.
    expect(shown.json().body).toContain('<script>x</script>');

    const raw = await admin.request({ method: 'GET', url: shown.json().rawUrl });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.headers['content-disposition']).toMatch(/^attachment;/);
    expect(raw.rawPayload.length).toBe(row.raw_size);
    expect(raw.body).toContain(`Message-ID: ${info.messageId}`);
    // Held mail has no ticket: only reviewers download it.
    expect((await analyst.get(shown.json().rawUrl)).statusCode).toBe(404);
  });

  it('accept makes the sender a contact and the mail a ticket of theirs; a second decision is 409', async () => {
    const info = await send('Leila <leila@stranger.example>', 'VPN قطع است', 'از دیروز وصل نمی‌شوم.');
    const { id } = await rowOf(info.messageId);
    const accepted = await supervisor.post(`/api/v1/admin/email/held/${id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'ticket', ticketId: expect.any(Number), flags: expect.arrayContaining(['accepted_on_review']) });
    const ticket = await t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', accepted.json().ticketId).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ title: 'VPN قطع است', channel: 'email' });
    expect(ticket.description).toContain('وصل نمی‌شوم');
    const [contact] = await contactsWith('leila@stranger.example');
    expect(ticket.requester_contact_id).toBe(contact!.contact_id);
    expect(await rowOf(info.messageId)).toMatchObject({ state: 'ticket', contact_id: contact!.contact_id, decided_at: t.clock.now() });

    const again = await admin.request({ method: 'POST', url: `/api/v1/admin/email/held/${id}/accept`, headers: { 'accept-language': 'en' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'email.not_held', message: expect.stringContaining('not waiting for review') });
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('title', '=', 'VPN قطع است').execute()).toHaveLength(1);
    // Off the review list once decided.
    expect(((await supervisor.get('/api/v1/admin/email/held')).json().items as Array<{ id: number }>).map((m) => m.id)).not.toContain(id);
  });

  it('reject keeps the message and its raw bytes, makes no contact and no ticket; an analyst may not decide', async () => {
    const info = await send('spam@stranger.example', 'You won', 'Click here');
    const { id } = await rowOf(info.messageId);
    expect((await analyst.post(`/api/v1/admin/email/held/${id}/reject`)).statusCode).toBe(403);
    expect((await analyst.post(`/api/v1/admin/email/held/${id}/accept`)).statusCode).toBe(403);
    const rejected = await admin.post(`/api/v1/admin/email/held/${id}/reject`);
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ state: 'rejected', ticketId: null, flags: expect.arrayContaining(['rejected_on_review']) });
    expect(await contactsWith('spam@stranger.example')).toHaveLength(0);
    expect((await admin.get(`/api/v1/email/inbound/${id}/raw`)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/admin/email/held/${id}/accept`)).statusCode).toBe(409);
    expect((await admin.post('/api/v1/admin/email/held/999999/reject')).statusCode).toBe(404);
  });
});
