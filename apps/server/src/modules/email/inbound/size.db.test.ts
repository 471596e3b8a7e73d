import { createHash, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgent, makeMailbox, signIn, type Client } from '../../../../test/factories.ts';
import { dovecotMissing, startDovecot, type Dovecot } from '../../../../test/fixtures/dovecot.ts';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { startImapPollers } from './imap-poller.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

const MiB = 1024 * 1024;
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/**
 * The size limit (`email.max_message_bytes`, 50 MiB raw) with real mail: a 35 MiB attachment
 * (≈ 48 MiB raw) is one ticket with its file intact; a 45 MiB one (≈ 61 MiB raw) is refused with
 * 552 over SMTP, and over IMAP moved to Pishkhan-rejected and recorded. Memory is sampled while the
 * big message is received: the receiver must not hold many copies of it.
 */
describe('mail size', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let agent: Client;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpReceiver(t.ctx, { port: 0, host: '127.0.0.1', relayFrom: ['127.0.0.1', '::1'] });
    const desk = await t.ctx.db.selectFrom('mailboxes').select('group_id').where('address_key', '=', 'support@localhost').executeTakeFirstOrThrow();
    agent = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [desk.group_id] })).email);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.destroy();
  });

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  it('a 35 MiB attachment (≈ 48 MiB raw) becomes one ticket with the file intact, without many copies in memory', async () => {
    const file = randomBytes(35 * MiB);
    const before = memory();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, memory())), 5);
    const started = Date.now();
    const info = await transport().sendMail({ from: 'big@customer.example', to: 'support@localhost', subject: 'Disk image', text: 'The image is attached.', attachments: [{ filename: 'disk.img', content: file }] });
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const row = await t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', info.messageId).executeTakeFirstOrThrow();
    expect(row.state).toBe('ticket');
    expect(row.raw_size).toBeGreaterThan(47 * MiB);
    expect(row.raw_size).toBeLessThan(50 * MiB);
    const files = await t.ctx.db.selectFrom('attachments').selectAll().where('ticket_id', '=', row.ticket_id!).execute();
    expect(files.map((f) => [f.filename, f.size])).toEqual([['disk.img', file.length]]);
    const download = await agent.request({ method: 'GET', url: `/api/v1/attachments/${files[0]!.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(md5(download.rawPayload)).toBe(md5(file));
    const grownMiB = (peak - before) / MiB;
    console.info(`35 MiB attachment: ${seconds.toFixed(1)} s, memory peak +${grownMiB.toFixed(0)} MiB over the ${(row.raw_size / MiB).toFixed(1)} MiB raw message`);
    // The sender's base64 and the receiver's own copies together: well under ten copies of the raw message.
    expect(grownMiB).toBeLessThan(6 * (row.raw_size / MiB));
  }, 120_000);

  it('a 45 MiB attachment (≈ 61 MiB raw) is refused with 552 and the reason; nothing is kept', async () => {
    const before = await t.ctx.db.selectFrom('email_messages').select('id').execute();
    const refused = transport().sendMail({ from: 'bigger@customer.example', to: 'support@localhost', subject: 'Too big', text: 'x', attachments: [{ filename: 'big.bin', content: randomBytes(45 * MiB) }] });
    await expect(refused).rejects.toMatchObject({ responseCode: 552, response: expect.stringContaining('Message too big') });
    expect(await t.ctx.db.selectFrom('email_messages').select('id').execute()).toHaveLength(before.length);
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('title', '=', 'Too big').execute()).toHaveLength(0);
  }, 120_000);

  describe.skipIf(dovecotMissing && process.env.CI !== 'true')('over IMAP (real Dovecot)', () => {
    let dovecot: Dovecot;
    beforeAll(async () => {
      dovecot = await startDovecot();
    });
    afterAll(async () => {
      await dovecot?.stop();
    });

    it('a 45 MiB attachment (≈ 61 MiB raw) is moved to Pishkhan-rejected and recorded; nothing is deleted', async () => {
      const mailboxId = (await makeMailbox(t, { address: 'big@imap.example', kind: 'imap', imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password } })).id;
      const raw = await new Promise<Buffer>((resolve, reject) =>
        nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(
          { from: 'c@imap-customer.example', to: 'big@imap.example', subject: 'imap too big', messageId: '<too-big@imap-customer.example>', text: 'x', attachments: [{ filename: 'big.bin', content: randomBytes(45 * MiB) }] },
          (error, info) => (error ? reject(error) : resolve(info.message as Buffer)),
        ),
      );
      expect(raw.length).toBeGreaterThan(60 * MiB);
      const { ImapFlow } = await import('imapflow');
      const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
      await imap.connect();
      try {
        await imap.append('INBOX', raw);
        const pollers = startImapPollers(t.ctx, { intervalMs: 3_600_000, idleMs: 0, holder: 'size-test' });
        await pollers.pollNow();
        await pollers.stop();
        const row = await t.ctx.db.selectFrom('email_messages').selectAll().where('mailbox_id', '=', mailboxId).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ state: 'rejected', ticket_id: null, message_id: '<too-big@imap-customer.example>', subject: 'imap too big' });
        expect(row.raw_size).toBe(raw.length);
        expect(JSON.parse(row.flags)).toEqual(['oversized']);
        const count = async (folder: string) => ((await imap.status(folder, { messages: true })) || { messages: -1 }).messages;
        expect(await count('Pishkhan-rejected')).toBe(1);
        expect(await count('INBOX')).toBe(0);
      } finally {
        await imap.logout().catch(() => undefined);
      }
    }, 120_000);
  });
});

/** What the process holds: the JS heap and the bytes of Buffers outside it. */
function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}
