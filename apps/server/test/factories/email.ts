import { Readable } from 'node:stream';
import { systemActor } from '../../src/platform/actor.ts';
import { createMailbox, emailSettings, ingestMessage, prepareMail } from '../../src/modules/email/index.ts';
import type { TestApp } from '../harness.ts';
import { unique } from './common.ts';

/** A mailbox made through the command as the system (SMTP unless given), for tests that need one. */
export async function makeMailbox(t: TestApp, input: { address?: string; groupId?: number; kind?: 'smtp' | 'imap'; imap?: Record<string, unknown> } = {}): Promise<{ id: number; address: string }> {
  const address = input.address ?? `box-${unique()}@desk.example.test`;
  const row = await createMailbox(t.ctx, { actor: systemActor(), address, kind: input.kind ?? 'smtp', ...(input.groupId ? { groupId: input.groupId } : {}), ...(input.imap ? { imap: input.imap } : {}) } as never);
  return { id: row.id, address };
}

/** An outgoing mail of a ticket that finally failed (mail out's retry). */
export async function makeFailedMail(t: TestApp, ticketId: number): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('outbound_messages')
    .values({
      ticket_id: ticketId,
      article_id: null,
      purpose: 'notification',
      notification_kind: 'ticket.received',
      mailbox_id: null,
      from_address: 'support@localhost',
      from_name: null,
      to_json: JSON.stringify([{ address: 'someone@example.test', name: null }]),
      cc_json: '[]',
      bcc_json: '[]',
      subject: 'x',
      text_body: 'x',
      html_body: '<p>x</p>',
      attachments_json: '[]',
      message_id: `<failed.${unique()}@localhost>`,
      in_reply_to: null,
      references_header: null,
      thread_index: null,
      language: 'fa',
      status: 'failed',
      reason: 'relay_refused',
      last_error: '550 no',
      attempts: 1,
      dedupe_key: null,
      created_by_user_id: null,
      created_at: now,
      updated_at: now,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An inbound message from an unknown sender held for review (`email.unknown_senders = hold` for this one message), through the mail channel. */
export async function makeHeldMail(t: TestApp, input: { from?: string; subject?: string; body?: string } = {}): Promise<{ id: number; from: string; messageId: string }> {
  const from = input.from ?? `stranger-${unique()}@unknown.example`;
  const messageId = `<held-${unique()}@unknown.example>`;
  const raw = Buffer.from(`From: ${from}\r\nTo: support@localhost\r\nSubject: ${input.subject ?? 'held mail'}\r\nMessage-ID: ${messageId}\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\n${input.body ?? 'please help'}\r\n`);
  const mailbox = await t.ctx.db.selectFrom('mailboxes').select('id').where('address_key', '=', 'support@localhost').executeTakeFirst();
  const mailboxId = mailbox?.id ?? (await makeMailbox(t)).id;
  const previous = await emailSettings.get(t.ctx.db, 'email.unknown_senders');
  await emailSettings.set(t.ctx.db, 'email.unknown_senders', 'hold', t.clock.now());
  try {
    const mail = await prepareMail(t.ctx.storage, raw, 1024 * 1024);
    const result = await ingestMessage(t.ctx, { actor: systemActor('mail'), mailboxId, source: 'smtp', mail });
    if (result.state !== 'held') throw new Error(`expected a held mail, got ${result.state}`);
    return { id: result.messageRowId, from, messageId };
  } finally {
    await emailSettings.set(t.ctx.db, 'email.unknown_senders', previous, t.clock.now());
  }
}

/** An inbound mail recorded on a ticket as mail in records one (its raw bytes in storage): the raw download's record. */
export async function makeInboundMailRow(t: TestApp, ticketId: number): Promise<number> {
  const raw = Buffer.from(`From: someone@customer.example\r\nSubject: on ${ticketId}\r\nMessage-ID: <row-${unique()}@customer.example>\r\n\r\nhello\r\n`);
  const blob = await t.ctx.storage.put(Readable.from([raw]), 1024 * 1024);
  const { id } = await t.ctx.db
    .insertInto('email_messages')
    .values({
      mailbox_id: null,
      source: 'smtp',
      message_id: null,
      raw_sha256: blob.sha256,
      raw_size: blob.size,
      dedup_key: `row:${unique()}`,
      from_address: 'someone@customer.example',
      subject: `on ${ticketId}`,
      state: 'article',
      flags: '[]',
      problems: '[]',
      ticket_id: ticketId,
      article_id: null,
      contact_id: null,
      thread_root: null,
      visible_body: 'hello',
      folded_body: '',
      html: null,
      references_header: null,
      thread_index: null,
      received_at: t.clock.now(),
      decided_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
