import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { systemActor } from '../../../platform/actor.ts';
import { GROUP_COMMIT_LIMITS, groupCommitStats } from '../../../platform/db/index.ts';
import { ingestMessage } from '../commands/ingest-message.ts';
import { prepareMail } from './prepared-mail.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

/**
 * How mail in commits (ADR 0023, on the platform's group commit of ADR 0029): on SQLite messages
 * arriving together share one commit, each in its own savepoint; on PostgreSQL each message is its
 * own transaction on the pool. Either way a failing message is rolled back alone.
 */
describe('mail in commits', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let mailboxId: number;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpReceiver(t.ctx, { port: 0, host: '127.0.0.1', relayFrom: ['127.0.0.1', '::1'] });
    mailboxId = (await t.ctx.db.selectFrom('mailboxes').select('id').where('address_key', '=', 'support@localhost').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.destroy();
  });

  const raw = (id: string) => Buffer.from(`From: ${id}@batch.example\r\nTo: support@localhost\r\nSubject: batch ${id}\r\nMessage-ID: <${id}@batch.example>\r\n\r\nbody of ${id}\r\n`);

  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('a message that fails is rolled back alone; the others commit (SQLite: in one shared commit)', async () => {
    const ids = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const prepared = await Promise.all(ids.map((id) => prepareMail(t.ctx.storage, raw(id), 1024 * 1024)));
    const before = groupCommitStats(t.ctx.db);
    // No time cap for this batch: on a loaded machine five ingests may take longer than the 10 ms one.
    const cap = GROUP_COMMIT_LIMITS.maxBatchMs;
    GROUP_COMMIT_LIMITS.maxBatchMs = 60_000;
    // Submitted in one turn of the event loop (b3 names no mailbox: its foreign key fails).
    const results = await Promise.allSettled(prepared.map((mail, i) => ingestMessage(t.ctx, { actor: systemActor('mail'), mailboxId: ids[i] === 'b3' ? 999_999 : mailboxId, source: 'smtp', mail }))).finally(() => {
      GROUP_COMMIT_LIMITS.maxBatchMs = cap;
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const after = groupCommitStats(t.ctx.db);
    if (t.dialect === 'sqlite') expect({ commits: after.commits - before.commits, members: after.members - before.members }).toEqual({ commits: 1, members: 4 });
    // PostgreSQL: no shared transaction; each message committed on its own.
    else expect(after).toEqual(before);
    const rows = await t.ctx.db.selectFrom('email_messages').select(['message_id', 'state']).where('message_id', 'like', '<b_@batch.example>').orderBy('message_id').execute();
    expect(rows).toEqual(['b1', 'b2', 'b4', 'b5'].map((id) => ({ message_id: `<${id}@batch.example>`, state: 'ticket' })));
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('title', '=', 'batch b3').execute()).toHaveLength(0);
  });

  it('40 messages over 8 SMTP connections are 40 tickets, each acknowledged after its commit', async () => {
    const before = groupCommitStats(t.ctx.db);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 8 });
    const infos = await Promise.all(Array.from({ length: 40 }, (_, i) => transport.sendMail({ envelope: { from: `p${i}@batch.example`, to: ['support@localhost'] }, raw: raw(`p${i}`) })));
    transport.close();
    expect(infos.every((i) => i.response.startsWith('250 Message accepted (ticket'))).toBe(true);
    const rows = await t.ctx.db.selectFrom('email_messages').select(['message_id', 'state', 'ticket_id']).where('message_id', 'like', '<p%@batch.example>').execute();
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(40);
    const after = groupCommitStats(t.ctx.db);
    if (t.dialect === 'sqlite') {
      // Every message went through the group commit (with whatever else shared it).
      expect(after.members - before.members).toBeGreaterThanOrEqual(40);
    } else expect(after).toEqual(before);
  });
});
