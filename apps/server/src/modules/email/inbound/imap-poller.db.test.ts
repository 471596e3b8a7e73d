import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { makeMailbox } from '../../../../test/factories.ts';
import { dovecotMissing, startDovecot, type Dovecot } from '../../../../test/fixtures/dovecot.ts';
import { emailSettings } from '../email.settings.ts';
import { startImapPollers } from './imap-poller.ts';
import { leaseOf } from './leases.repository.ts';

const inCI = process.env.CI === 'true';
if (dovecotMissing) {
  const why = 'Dovecot (/usr/sbin/dovecot) is not installed';
  if (inCI) it('Dovecot is present (required when CI=true)', () => expect.fail(why));
  else {
    console.warn(`${why}; skipping the IMAP poller tests (required when CI=true)`);
    it.skip(`${why}; skipped outside CI`, () => {});
  }
}

/** The IMAP poller against a real Dovecot started by this file: APPEND, poll, flag or move, oversized aside, the lease. */
describe.skipIf(dovecotMissing)('IMAP mailboxes (real Dovecot)', () => {
  let t: TestApp;
  let dovecot: Dovecot;
  let mailboxId: number;
  type Client = InstanceType<(typeof import('imapflow'))['ImapFlow']>;
  let imap: Client;

  beforeAll(async () => {
    t = await createTestApp();
    dovecot = await startDovecot();
    mailboxId = (await makeMailbox(t, { address: 'helpdesk@imap.example', kind: 'imap', imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password } })).id;
    const { ImapFlow } = await import('imapflow');
    imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
  });
  afterAll(async () => {
    await imap?.logout().catch(() => undefined);
    await dovecot?.stop();
    await t?.destroy();
  });

  const append = (id: string, extra = '', body = 'متن درخواست') => imap.append('INBOX', `From: Customer <c@imap-customer.example>\r\nTo: helpdesk@imap.example\r\nSubject: imap ${id}\r\nMessage-ID: <${id}@imap-customer.example>\r\n${extra}\r\n${body}\r\n`);
  const flagsOf = async (folder: string) => {
    const lock = await imap.getMailboxLock(folder);
    try {
      const out: Array<{ subject: string; seen: boolean }> = [];
      for await (const m of imap.fetch('1:*', { envelope: true, flags: true })) out.push({ subject: m.envelope?.subject ?? '', seen: m.flags?.has('\\Seen') ?? false });
      return out;
    } finally {
      lock.release();
    }
  };

  it('appended messages become tickets and are then flagged \\Seen; a second round changes nothing', async () => {
    await append('m1');
    await append('m2');
    const pollers = startImapPollers(t.ctx, { intervalMs: 3_600_000, idleMs: 0, holder: 'test-a' });
    await pollers.pollNow();
    await pollers.stop();
    const rows = await t.ctx.db.selectFrom('email_messages').selectAll().where('mailbox_id', '=', mailboxId).orderBy('id').execute();
    expect(rows.map((r) => [r.message_id, r.state, r.source])).toEqual([
      ['<m1@imap-customer.example>', 'ticket', 'imap'],
      ['<m2@imap-customer.example>', 'ticket', 'imap'],
    ]);
    expect((await flagsOf('INBOX')).every((m) => m.seen)).toBe(true);
    const again = startImapPollers(t.ctx, { intervalMs: 3_600_000, idleMs: 0, holder: 'test-a' });
    await again.pollNow();
    await again.stop();
    expect(await t.ctx.db.selectFrom('email_messages').select('id').where('mailbox_id', '=', mailboxId).execute()).toHaveLength(2);
  });

  it('moves oversized mail to Pishkhan-rejected and records it; deletes nothing', async () => {
    await emailSettings.set(t.ctx.db, 'email.max_message_bytes', 50_000, t.clock.now());
    try {
      await append('big', '', 'x'.repeat(60_000));
      const pollers = startImapPollers(t.ctx, { intervalMs: 3_600_000, idleMs: 0, holder: 'test-a' });
      await pollers.pollNow();
      await pollers.stop();
    } finally {
      await emailSettings.set(t.ctx.db, 'email.max_message_bytes', 50 * 1024 * 1024, t.clock.now());
    }
    const row = await t.ctx.db.selectFrom('email_messages').selectAll().where('message_id', '=', '<big@imap-customer.example>').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'rejected', ticket_id: null });
    expect(JSON.parse(row.flags)).toEqual(['oversized']);
    expect((await flagsOf('Pishkhan-rejected')).map((m) => m.subject)).toEqual(['imap big']);
    expect((await flagsOf('INBOX')).map((m) => m.subject)).toEqual(['imap m1', 'imap m2']);
  });

  it('moves processed mail to the processed folder when one is set', async () => {
    await t.ctx.db.updateTable('mailboxes').set({ imap_processed_folder: 'Done' }).where('id', '=', mailboxId).execute();
    try {
      await append('m3');
      const pollers = startImapPollers(t.ctx, { intervalMs: 3_600_000, idleMs: 0, holder: 'test-a' });
      await pollers.pollNow();
      await pollers.stop();
    } finally {
      await t.ctx.db.updateTable('mailboxes').set({ imap_processed_folder: null }).where('id', '=', mailboxId).execute();
    }
    expect((await flagsOf('Done')).map((m) => m.subject)).toEqual(['imap m3']);
    expect((await t.ctx.db.selectFrom('email_messages').select('state').where('message_id', '=', '<m3@imap-customer.example>').executeTakeFirstOrThrow()).state).toBe('ticket');
  });

  it('one process holds a mailbox; another takes over only after the lease ran out (≤ 60 s)', async () => {
    const now = t.clock.now();
    const { takeMailboxLease } = await import('./leases.repository.ts');
    expect(await takeMailboxLease(t.ctx.db, mailboxId, 'process-a', now, now + 60_000)).toBe(true);
    await append('m4');
    const other = startImapPollers(t.ctx, { intervalMs: 3_600_000, idleMs: 0, holder: 'process-b', leaseMs: 60_000 });
    await other.pollNow();
    expect(await t.ctx.db.selectFrom('email_messages').select('id').where('message_id', '=', '<m4@imap-customer.example>').execute()).toHaveLength(0);
    // process-a dies; 60 s later its lease has run out and process-b polls the mailbox.
    t.clock.advance(60_001);
    await other.pollNow();
    await other.stop();
    expect((await leaseOf(t.ctx.db, mailboxId))).toBeUndefined();
    expect(await t.ctx.db.selectFrom('email_messages').select('id').where('message_id', '=', '<m4@imap-customer.example>').execute()).toHaveLength(1);
  });
});
