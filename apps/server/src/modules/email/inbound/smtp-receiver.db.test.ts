import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { makeAgent } from '../../../../test/factories.ts';
import { outgoingMessageId } from '../threading/message-id.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

const run = promisify(execFile);

/** The SMTP receiver with real clients (nodemailer, swaks) on one app: new tickets, replies, Persian charsets, refusals. */
describe('SMTP receiver', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let strict: SmtpReceiver;
  let adminEmail: string;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpReceiver(t.ctx, { port: 0, host: '127.0.0.1', relayFrom: ['127.0.0.1', '::1'] });
    // A receiver that trusts no address: only SMTP AUTH lets mail in.
    strict = await startSmtpReceiver(t.ctx, { port: 0, host: '127.0.0.1', relayFrom: ['10.9.9.9'] });
    adminEmail = (await makeAgent(t, { roles: ['admin'] })).email;
  });
  afterAll(async () => {
    await smtp?.close();
    await strict?.close();
    await t?.destroy();
  });

  const transport = (port = smtp.port, auth?: { user: string; pass: string }) =>
    nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}), tls: { rejectUnauthorized: false } });
  const messageRow = (messageId: string) => t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
  const articlesOf = (ticketId: number) => t.ctx.db.selectFrom('articles').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();

  it('a new mail opens a ticket for a new contact, with its file; the Cc becomes a watcher; a reply threads back', async () => {
    const info = await transport().sendMail({
      from: 'Sara Ahmadi <sara@customer.example>',
      to: 'support@localhost',
      cc: 'Reza <reza@customer.example>',
      subject: 'چاپگر طبقه دوم کار نمی‌کند',
      text: 'سلام\nچاپگر از صبح کاغذ گیر می‌کند.',
      attachments: [{ filename: 'خطا.txt', content: 'paper jam' }],
    });
    expect(info.accepted).toEqual(['support@localhost']);
    const first = await messageRow(info.messageId);
    expect(first.state).toBe('ticket');
    const ticket = await t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', first.ticket_id!).executeTakeFirstOrThrow();
    expect(ticket.title).toBe('چاپگر طبقه دوم کار نمی‌کند');
    expect(ticket.description).toContain('کاغذ گیر');
    expect(ticket.channel).toBe('email');
    const files = await t.ctx.db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(files.map((f) => f.filename)).toEqual(['خطا.txt']);
    const watchers = await t.ctx.db.selectFrom('ticket_watchers').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(watchers).toHaveLength(1);

    // The requester replies to their own first mail (References names it): same ticket.
    const own = await transport().sendMail({ from: 'sara@customer.example', to: 'support@localhost', subject: 'Re: چاپگر', inReplyTo: info.messageId, references: info.messageId, text: 'هنوز خراب است.\n\nOn Tue, Sara wrote:\n> سلام' });
    const ownRow = await messageRow(own.messageId);
    expect(ownRow).toMatchObject({ state: 'article', ticket_id: ticket.id });
    expect((await articlesOf(ticket.id)).at(-1)!.body).toBe('هنوز خراب است.');
    // The Cc'd person replies to our outgoing mail (a tokened Message-ID): same ticket.
    const ours = await outgoingMessageId({ db: t.ctx.db, secret: t.ctx.secret, clock: t.clock }, { ticketId: ticket.id, domain: 'localhost' });
    const cc = await transport().sendMail({ from: 'reza@customer.example', to: 'support@localhost', subject: 'Re: [#x]', inReplyTo: ours, references: ours, text: 'من هم همین مشکل را دارم.' });
    expect(await messageRow(cc.messageId)).toMatchObject({ state: 'article', ticket_id: ticket.id });
  });

  it('a forged reply from a stranger (right ticket tag, guessed references) opens a new, linked ticket', async () => {
    const info = await transport().sendMail({ from: 'victim@customer.example', to: 'support@localhost', subject: 'حقوق من', text: 'فیش حقوقی' });
    const victimTicket = (await messageRow(info.messageId)).ticket_id!;
    const number = (await t.ctx.db.selectFrom('tickets').select('number').where('id', '=', victimTicket).executeTakeFirstOrThrow()).number;
    const forged = await transport().sendMail({ from: 'stranger@evil.example', to: 'support@localhost', subject: `Re: [#${number}] حقوق من`, references: `<pk.${victimTicket}.${'0'.repeat(32)}.x@localhost>`, text: 'مرا هم در جریان بگذارید' });
    const row = await messageRow(forged.messageId);
    expect(row.state).toBe('ticket');
    expect(row.ticket_id).not.toBe(victimTicket);
    expect(JSON.parse(row.flags)).toContain('stranger_reply');
    expect((await articlesOf(victimTicket)).filter((a) => a.body.includes('مرا هم'))).toHaveLength(0);
    const link = await t.ctx.db.selectFrom('ticket_relations').selectAll().where('source_ticket_id', '=', row.ticket_id!).executeTakeFirstOrThrow();
    expect(link.target_ticket_id).toBe(victimTicket);
  });

  it('reads Persian in windows-1256 (8-bit) and ISO-8859-6 (quoted-printable), with an RFC 2231 Persian file name', async () => {
    const body = iconv.encode('سلام، رايانه روشن نمي‌شود', 'windows-1256');
    const raw = Buffer.concat([
      Buffer.from('From: =?windows-1256?B?' + iconv.encode('علي', 'windows-1256').toString('base64') + '?= <ali@customer.example>\r\nTo: support@localhost\r\nSubject: =?UTF-8?B?' + Buffer.from('رایانه').toString('base64') + '?=\r\nMessage-ID: <cp1256-1@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      body,
      Buffer.from("\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-6\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Disposition: attachment; filename*=UTF-8''%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4.txt\r\n\r\n=C7=E4=D3=E4=C7=E5\r\n--b--\r\n"),
    ]);
    await transport().sendMail({ envelope: { from: 'ali@customer.example', to: ['support@localhost'] }, raw });
    const row = await messageRow('<cp1256-1@customer.example>');
    expect(row.state).toBe('ticket');
    const ticket = await t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', row.ticket_id!).executeTakeFirstOrThrow();
    expect(ticket.title).toBe('رایانه');
    expect(ticket.description).toContain('رايانه روشن');
    const file = await t.ctx.db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(file.filename).toBe('گزارش.txt');
    const contact = await t.ctx.db.selectFrom('contacts').select('name').where('id', '=', row.contact_id!).executeTakeFirstOrThrow();
    // windows-1256 has no Persian ی: it arrives as Arabic ي and is stored as written (normalised only for keys).
    expect(contact.name).toBe('علي');
  });

  it('swaks delivers too; the same message twice is one row and one ticket; a new body under that Message-ID is kept and flagged', async () => {
    const data = (body: string) => `From: swaks@customer.example\r\nTo: support@localhost\r\nMessage-Id: <swaks-1@customer.example>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\nSubject: swaks test\r\n\r\n${body}\r\n`;
    const args = (body: string) => ['--server', `127.0.0.1:${smtp.port}`, '--to', 'support@localhost', '--from', 'swaks@customer.example', '--data', data(body)];
    const first = await run('swaks', args('from swaks'));
    expect(first.stdout).toMatch(/<- {2}250 Message accepted/);
    const again = await run('swaks', args('from swaks'));
    expect(again.stdout).toMatch(/<- {2}250 Message already accepted/);
    expect(await t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', '<swaks-1@customer.example>').execute()).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('title', '=', 'swaks test').execute()).toHaveLength(1);
    await run('swaks', args('another body'));
    const rows = await t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', '<swaks-1@customer.example>').orderBy('id').execute();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[1]!.flags)).toContain('id_reused');
    // A redelivery of either body is known among its Message-ID's rows, and writes nothing.
    for (const body of ['another body', 'from swaks']) expect((await run('swaks', args(body))).stdout).toMatch(/<- {2}250 Message already accepted/);
    expect(await t.ctx.db.selectFrom('email_messages').select('id').where('message_id', '=', '<swaks-1@customer.example>').execute()).toHaveLength(2);
  });

  it('refuses an unknown recipient at RCPT, and relay from an address not allowed unless authenticated as an admin', async () => {
    await expect(transport().sendMail({ from: 'a@customer.example', to: 'nobody@localhost', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(transport(strict.port).sendMail({ from: 'a@customer.example', to: 'support@localhost', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 530 });
    await expect(transport(strict.port, { user: adminEmail, pass: 'wrong-password' }).sendMail({ from: 'a@customer.example', to: 'support@localhost', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 535 });
    const ok = await transport(strict.port, { user: adminEmail, pass: 'correct-horse-battery-staple' }).sendMail({ from: 'relayed@customer.example', to: 'support@localhost', subject: 'relayed', text: 'x' });
    expect((await messageRow(ok.messageId)).state).toBe('ticket');
  });

  it('flags an auto-reply and marks a bounce on the ticket whose mail bounced without a new ticket', async () => {
    const info = await transport().sendMail({ from: 'ooo@customer.example', to: 'support@localhost', subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' }, text: 'I am away.' });
    expect(JSON.parse((await messageRow(info.messageId)).flags)).toContain('auto_reply');

    const req = await transport().sendMail({ from: 'gone@customer.example', to: 'support@localhost', subject: 'کمک', text: 'x' });
    const ticketId = (await messageRow(req.messageId)).ticket_id!;
    const ourId = await outgoingMessageId({ db: t.ctx.db, secret: t.ctx.secret, clock: t.clock }, { ticketId, domain: 'localhost' });
    const before = await t.ctx.db.selectFrom('tickets').select(['status', 'version']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    const ticketsBefore = await t.ctx.db.selectFrom('tickets').select('id').execute();
    const dsn = [
      'From: MAILER-DAEMON@mx.customer.example', 'To: support@localhost', 'Subject: Undelivered Mail Returned to Sender', 'Message-ID: <dsn-1@mx.customer.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', '', '--r', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '',
      '--r', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.customer.example', '', 'Final-Recipient: rfc822; gone@customer.example', 'Action: failed', 'Status: 5.1.1', '',
      '--r', 'Content-Type: message/rfc822', '', `Message-ID: ${ourId}`, 'From: support@localhost', 'To: gone@customer.example', 'Subject: Re: کمک', '', 'body', '--r--', '',
    ].join('\r\n');
    await transport().sendMail({ envelope: { from: '', to: ['support@localhost'] }, raw: dsn });
    const row = await messageRow('<dsn-1@mx.customer.example>');
    expect(row).toMatchObject({ state: 'bounce', ticket_id: ticketId });
    const note = (await articlesOf(ticketId)).at(-1)!;
    expect(note).toMatchObject({ kind: 'note', internal: 1 });
    expect(await t.ctx.db.selectFrom('tickets').select(['status', 'version']).where('id', '=', ticketId).executeTakeFirstOrThrow()).toMatchObject({ status: before.status });
    expect(await t.ctx.db.selectFrom('tickets').select('id').execute()).toHaveLength(ticketsBefore.length);
    expect(await t.ctx.db.selectFrom('email_bouncing_addresses').selectAll().where('address_key', '=', 'gone@customer.example').execute()).toHaveLength(1);
  });

  it('hostile mail (no headers, broken MIME, deep nesting, scripts and tracking pixels) is kept without a crash', async () => {
    let nested = 'just text';
    for (let i = 0; i < 60; i++) nested = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${nested}\r\n--n${i}--`;
    const hostile = [
      'garbage without any header line\r\n\r\nbody',
      `From: deep@customer.example\r\nMessage-ID: <deep@customer.example>\r\nMIME-Version: 1.0\r\n${nested}\r\n`,
      'From: html@customer.example\r\nMessage-ID: <html@customer.example>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p onclick="x()">سلام<script>alert(1)</script><img src="https://tracker.example/p.gif"><img src="cid:logo"></p>',
      'From: bad@customer.example\r\nMessage-ID: <badenc@customer.example>\r\nContent-Type: text/plain; charset=no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n',
      'From: broken@customer.example\r\nMessage-ID: <broken@customer.example>\r\nContent-Type: multipart/mixed; boundary="never"\r\n\r\n--wrong\r\nhalf a part',
    ];
    for (const raw of hostile) await transport().sendMail({ envelope: { from: 'x@customer.example', to: ['support@localhost'] }, raw });
    const html = await messageRow('<html@customer.example>');
    expect(html.html).not.toMatch(/script|onclick|tracker\.example/);
    expect(html.html).toContain('cid:logo');
    for (const id of ['<deep@customer.example>', '<badenc@customer.example>', '<broken@customer.example>']) expect((await messageRow(id)).state).toBe('ticket');
    const headerless = await t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', 'is', null).execute();
    expect(headerless.length).toBeGreaterThanOrEqual(1);
  });
});
